"""Settings: CONTRACT.md section 6, validated at start, overridable from the environment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings

FULL = """
[mailbox]
host = "imap.example.org"
port = 993
security = "ssl"
username = "gcc-secretariat@itu.int"
password_file = "{secret}"
folder = "INBOX"

[smtp]
host = "smtp.example.org"
port = 587
security = "starttls"
username = "bot"
password = "s3cret"
from = "gcc-secretariat@itu.int"

[database]
url = "sqlite:///state.db"

[meeting]
title = "OpenWallet Forum GCC - first meeting"
start = "2024-12-06T13:00:00+01:00"
end = "2024-12-06T14:30:00+01:00"
link = "https://meet.example.org/gcc-1"

[rules]
max_nominees = 3
deadline = "2024-11-28"

[review]
folder = "review"

[digest]
to = ["gcc-secretariat@itu.int"]
at = "08:00"
timezone = "Europe/Zurich"

[schedule]
poll_seconds = 60

[security]
authserv_id = "mx.itu.int"
"""


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in list(__import__("os").environ):
        if name.startswith("GCC_BOT_"):
            monkeypatch.delenv(name)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "gcc-bot.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_settings_at_all_gives_the_embedded_defaults() -> None:
    settings = load_settings()
    assert settings.mailbox is None and settings.smtp is None
    assert settings.database.url == "sqlite:///state.db"
    assert settings.review.folder == Path("review")
    assert settings.rules.max_nominees == 3


def test_every_contract_section_is_read(tmp_path: Path) -> None:
    secret = tmp_path / "imap.secret"
    secret.write_text("hunter2\n")
    settings = load_settings(write(tmp_path, FULL.format(secret=secret)))
    assert settings.mailbox is not None and settings.mailbox.password == "hunter2"
    assert settings.smtp is not None and settings.smtp.from_ == "gcc-secretariat@itu.int"
    assert settings.all_meetings[0].link == "https://meet.example.org/gcc-1"
    assert settings.rules.deadline == dt.date(2024, 11, 28)
    assert settings.digest.at == dt.time(8, 0)
    assert settings.security.authserv_id == "mx.itu.int"


def test_gcc_bot_toml_in_the_working_folder_is_the_default(tmp_path: Path) -> None:
    write(tmp_path, "[schedule]\npoll_seconds = 15\n")
    assert load_settings().schedule.poll_seconds == 15


def test_environment_overrides_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "[rules]\nmax_nominees = 3\n")
    monkeypatch.setenv("GCC_BOT_RULES__MAX_NOMINEES", "5")
    assert load_settings(path).rules.max_nominees == 5


def test_a_variable_name_may_be_written_in_any_case(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("gcc_bot_Limits__Letter_Seconds", "0.5")
    assert load_settings().limits.letter_seconds == 0.5


def test_a_list_or_a_table_from_the_environment_is_json_and_tables_merge_key_by_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, '[mailbox]\nhost = "imap.x"\nusername = "u"\n'
                           '[mailbox.done_folders]\nconfirmed = "GCC/Confirmed"\n')
    monkeypatch.setenv("GCC_BOT_DIGEST__TO", '["a@itu.int", "b@itu.int"]')
    monkeypatch.setenv("GCC_BOT_MAILBOX__DONE_FOLDERS__IGNORED", "GCC/Ignored")
    monkeypatch.setenv("GCC_BOT_RULES", '{"max_nominees": 4, "deadline": "2027-01-31"}')
    monkeypatch.setenv("GCC_BOT_RULES__MAX_NOMINEES", "5")
    settings = load_settings(path)
    assert settings.digest.to == ["a@itu.int", "b@itu.int"]
    assert settings.mailbox is not None and settings.mailbox.host == "imap.x"
    assert settings.mailbox.done_folders == {"confirmed": "GCC/Confirmed", "ignored": "GCC/Ignored"}
    assert (settings.rules.max_nominees, settings.rules.deadline) == (5, dt.date(2027, 1, 31))


def test_an_empty_variable_is_an_empty_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GCC_BOT_SECURITY__AUTHSERV_ID", "")
    assert not load_settings().security.judges_authentication


@pytest.mark.parametrize(("name", "value", "named"), [
    ("GCC_BOT_RULES__MAX_NOMINES", "3", "rules.max_nomines"),
    ("GCC_BOT_SCHEDULE__POLL_SECONDS", "soon", "schedule.poll_seconds"),
    ("GCC_BOT_DIGEST__TO", "a@itu.int", "the environment's GCC_BOT_ variables: error parsing value for field \"digest\""),
])
def test_a_wrong_variable_stops_with_a_message_naming_it(
        monkeypatch: pytest.MonkeyPatch, name: str, value: str, named: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=named.replace(".", r"\.")):
        load_settings()


def test_a_variable_naming_no_section_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GCC_BOT_HOME", "/opt/gcc-bot")
    assert load_settings().rules.max_nominees == 3


def test_the_secretariat_lists_more_observers_by_name_or_domain(tmp_path: Path) -> None:
    assert load_settings().participants.observers == []
    path = write(tmp_path, '[participants]\nobservers = ["Secretaría General Iberoamericana", "segib.org"]\n')
    assert load_settings(path).participants.observers == ["Secretaría General Iberoamericana", "segib.org"]


def test_several_meetings_come_soonest_first(tmp_path: Path) -> None:
    path = write(tmp_path, """
[[meetings]]
title = "second"
start = "2025-01-10T13:00:00+01:00"
end = "2025-01-10T14:00:00+01:00"
link = "https://meet.example.org/2"
[[meetings]]
title = "first"
start = "2024-12-06T13:00:00+01:00"
end = "2024-12-06T14:00:00+01:00"
link = "https://meet.example.org/1"
""")
    assert [m.title for m in load_settings(path).all_meetings] == ["first", "second"]


@pytest.mark.parametrize(("text", "named"), [
    ("[rules]\nmax_nominees = \"many\"\n", "rules.max_nominees"),
    ("[mailbox]\nhost = \"x\"\nusername = \"u\"\nsecurity = \"tls\"\n", "mailbox.security"),
    ("[mailbox]\nhost = \"x\"\nusername = \"u\"\npassword_file = \"/nonexistent/pw\"\n",
     "mailbox"),
    ("[digest]\ntimezone = \"Mars/Olympus\"\n", "digest.timezone"),
    ("[meeting]\nstart = \"2024-12-06T13:00:00\"\nend = \"2024-12-06T14:00:00\"\n"
     "link = \"https://x\"\n", "meeting"),
    ("[rules]\nmax_nomines = 3\n", "rules.max_nomines"),
    ("[schedule]\npoll_seconds = 0\n", "schedule.poll_seconds"),
])
def test_a_wrong_setting_stops_with_a_message_naming_the_key(
        tmp_path: Path, text: str, named: str) -> None:
    with pytest.raises(SettingsError, match=named.replace(".", r"\.")):
        load_settings(write(tmp_path, text))


def test_a_missing_settings_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="does not exist"):
        load_settings(tmp_path / "nope.toml")


def test_a_toml_syntax_error_is_reported(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="gcc-bot.toml"):
        load_settings(write(tmp_path, "[rules\nmax_nominees = 3\n"))
