"""Chinese text wraps at any character: an address cut by the line break is read whole from a scan."""

from __future__ import annotations

import pytest

from extractors.fields import parse_letter
from extractors.model import Attachment
from extractors.readers import read_attachment
from tests.extractors.scan_letters import at_dpi, one_bit, prose_page, scanned_pdf

pytestmark = pytest.mark.slow

OPENING = ["尊敬的尾上诚藏主任：", "我部谨复电信标准化局第006号通函，正式确认参加OpenWallet论坛政府委员会（GCC）。"]


@pytest.mark.parametrize("address, cut", [("ting.zhao@pbc.gov.cn", "@"), ("chensiyu@mddi.gov.sg", "siyu@"),
                                          ("wang_jg@miit.gov.cn", "miit.")])
@pytest.mark.parametrize("dpi, bits", [(200, "1-bit"), (300, "grey")])
def test_an_address_cut_by_the_line_break_is_read_whole(address: str, cut: str, dpi: int, bits: str) -> None:
    at = address.index(cut) + (0 if cut == "@" else len(cut) // 2)
    lines = OPENING + [f"兹提名中国人民银行数字货币研究所高级工程师赵婷女士担任主要联系人，电子邮件：{address[:at]}",
                       f"{address[at:]}。特此函告。"]
    page = at_dpi(prose_page("zh", lines), dpi)
    page = one_bit(page) if bits == "1-bit" else page
    document = read_attachment(Attachment("scan.pdf", "application/pdf", scanned_pdf(page, dpi)))
    assert document is not None
    nominees = parse_letter(document, "zh").nominees
    assert [(n.last_name, n.first_name, n.email) for n in nominees] == [("赵", "婷", address)]
