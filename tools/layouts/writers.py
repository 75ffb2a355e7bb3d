"""Writers: one plan laid out as a Word table, a workbook, an ODS file or a CSV file."""
import csv
import datetime as dt
import re
import zipfile
from dataclasses import dataclass

import docx
import openpyxl
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from model import Cell


@dataclass
class Col:
    header: str
    kind: str          # id | title | leads | partners | due | rag | outcomes | next_steps | update | blank | extra
    date: object = None   # the update column's date
    extra: object = None  # for kind extra: function(rng, action) -> str
    bullets: bool = False  # outcomes written with bullets


def cell_for(col, a, rng, id_dot=False, cont=False):
    """The cell `col` shows for action `a` (its continuation row when `cont`)."""
    k = col.kind
    if cont:
        if k == "due":
            return Cell(a.revised_written)
        if k == "update" and a.updates and col.date == a.updates[-1][0]:
            return Cell(a.further)
        return Cell()
    if k == "id":
        return Cell(a.id + ("." if id_dot else ""))
    if k == "title":
        return Cell(a.title)
    if k == "leads":
        return Cell(a.leads_written)
    if k == "partners":
        return Cell(a.partners_written)
    if k == "due":
        d = a.baseline_due if a.revised_written else a.due
        if isinstance(d, dt.date):
            return Cell("", value=d)
        return Cell(d or "")
    if k == "rag":
        return a.rag_cell
    if k == "outcomes":
        return Cell("\n".join(("• " if col.bullets else "") + o for o in a.outcomes))
    if k == "next_steps":
        return Cell(a.next_steps or "")
    if k == "update":
        for d, text in a.updates:
            if d == col.date:
                return Cell(text)
        return Cell()
    if k == "blank":
        return Cell()
    if k == "extra":
        return Cell(col.extra(rng, a))
    raise ValueError(k)


def action_rows(actions, cols, rng, id_dot=False, blank_rows=0.0):
    """Rows (lists of Cell) for these actions, a continuation row under each revised one and
    now and then a blank row. Returns [(kind, cells)] with kind 'row' | 'cont' | 'blank'."""
    out = []
    for a in actions:
        out.append(("row", [cell_for(c, a, rng, id_dot) for c in cols]))
        if a.revised_written:
            out.append(("cont", [cell_for(c, a, rng, id_dot, cont=True) for c in cols]))
        if rng.random() < blank_rows:
            out.append(("blank", [Cell() for _ in cols]))
    return out


# ---------------------------------------------------------------------------------------------
# Word

def shade(cell, fill):
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcPr.append(shd)


def put(cell, c: Cell, bold=False):
    lines = c.text.split("\n") if c.text else [""]
    p = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            p = cell.add_paragraph()
        if line:
            run = p.add_run(line)
            run.bold = bold
            if c.font:
                run.font.color.rgb = RGBColor.from_string(c.font)
    if c.fill:
        shade(cell, c.fill)


class Doc:
    def __init__(self, landscape=True):
        self.d = docx.Document()
        if landscape:   # action plans are wide tables, printed landscape
            sec = self.d.sections[0]
            sec.orientation = WD_ORIENT.LANDSCAPE
            sec.page_width, sec.page_height = sec.page_height, sec.page_width

    def title(self, text):
        self.d.add_paragraph(text, style="Title")

    def heading(self, text, level=1):
        self.d.add_heading(text, level=level)

    def p(self, text, bold=False):
        para = self.d.add_paragraph()
        para.add_run(text).bold = bold

    def table(self, headers, rows, banner=None, merge_cont=(), header_fill="D9E2F3",
              header_merges=()):
        """A table: header row(s), then rows ('row'|'cont'|'blank', cells) or ('banner', text).
        `merge_cont`: column indexes a continuation row merges vertically with the row above."""
        n = len(headers[-1])
        t = self.d.add_table(rows=0, cols=n)
        t.style = "Table Grid"
        for h in headers:
            cells = t.add_row().cells
            for i, text in enumerate(h):
                put(cells[i], Cell(text), bold=True)
                if header_fill:
                    shade(cells[i], header_fill)
        for (r0, c0), (r1, c1) in header_merges:   # a two-row header's spans
            t.cell(r0, c0).merge(t.cell(r1, c1))
        for kind, cells in rows:
            r = t.add_row().cells
            if kind == "banner":
                m = r[0].merge(r[-1])
                put(m, Cell(cells), bold=True)
                shade(m, "F2F2F2")
                continue
            for i, c in enumerate(cells):
                put(r[i], c)
            if kind == "cont":
                ri = len(t.rows) - 1
                for ci in merge_cont:
                    t.cell(ri - 1, ci).merge(t.cell(ri, ci))
        return t

    def key_table(self, entries):
        """A small colour key: each row a shaded cell and what it means."""
        t = self.d.add_table(rows=0, cols=2)
        t.style = "Table Grid"
        for fill, text in entries:
            r = t.add_row().cells
            put(r[0], Cell(text.split(" = ")[0], fill=fill), bold=True)
            put(r[1], Cell(text))

    def save(self, path):
        self.d.save(path)
        reproducible(path)


# ---------------------------------------------------------------------------------------------
# workbooks

@dataclass
class Sheet:
    name: str
    rows: list          # list of rows; a row is a list of Cell|None, or ('banner', text, width)
    hidden: bool = False
    widths: list = None
    validation: str | None = None   # formula of a list validation on the rating column
    rag_col: int | None = None      # 0-based
    date_format: str = "mmm-yy"


def write_xlsx(path, sheets):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sh in sheets:
        ws = wb.create_sheet(sh.name)
        if sh.hidden:
            ws.sheet_state = "hidden"
        first_data = None
        for r, row in enumerate(sh.rows, 1):
            if isinstance(row, tuple) and row[0] == "banner":
                _, text, width = row
                ws.cell(r, 1, text).font = Font(bold=True, size=14)
                if width > 1:
                    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
                continue
            for c, cell in enumerate(row, 1):
                if cell is None:
                    continue
                if cell.value is not None:
                    x = ws.cell(r, c, cell.value)
                    x.number_format = sh.date_format
                elif cell.text:
                    x = ws.cell(r, c, cell.text)
                    if "\n" in cell.text:
                        x.alignment = Alignment(wrap_text=True, vertical="top")
                else:
                    x = ws.cell(r, c)
                    if not cell.fill:
                        continue
                if cell.fill:
                    x.fill = PatternFill("solid", fgColor=cell.fill)
                if cell.font:
                    x.font = Font(color=cell.font)
                if getattr(cell, "bold", False):
                    x.font = Font(bold=True)
        if sh.widths:
            for i, w in enumerate(sh.widths):
                ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = w
        if sh.validation and sh.rag_col is not None:
            dv = DataValidation(type="list", formula1=sh.validation, allow_blank=True)
            col = openpyxl.utils.get_column_letter(sh.rag_col + 1)
            dv.add(f"{col}1:{col}500")
            ws.add_data_validation(dv)
    wb.save(path)
    reproducible(path)


FIXED = (2016, 12, 31, 12, 0, 0)


def reproducible(path):
    """The same bytes on every run: fixed zip entry times and document dates."""
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2016-12-31T12:00:00Z", data)
            z.writestr(zipfile.ZipInfo(info.filename, FIXED), data, compress_type=zipfile.ZIP_DEFLATED)


def write_ods(path, sheets):
    """An OpenDocument spreadsheet written as XML (LibreOffice Calc is not needed): fills, text
    colours, real dates, merged banners, hidden sheets and list validations as Calc writes them."""
    from xml.sax.saxutils import escape, quoteattr
    styles = {}          # (fill, font, date) -> style name

    def style(c):
        key = (c.fill, c.font, c.value is not None)
        if key == (None, None, False):
            return ""
        if key not in styles:
            styles[key] = f"ce{len(styles) + 1}"
        return f' table:style-name="{styles[key]}"'

    def paras(text):
        return "".join(f"<text:p>{escape(line)}</text:p>" for line in text.split("\n"))

    validations = []
    tables = []
    for sh in sheets:
        vname = None
        if sh.validation and sh.rag_col is not None:
            vname = f"val{len(validations) + 1}"
            sheet_name, cells = sh.validation.split("!")
            a, b = cells.split(":")
            validations.append(
                f'<table:content-validation table:name="{vname}" '
                f'table:condition="of:cell-content-is-in-list([$&apos;{sheet_name}&apos;.{a}:.{b}])" '
                f'table:allow-empty-cell="true" table:base-cell-address="&apos;{sh.name}&apos;.A1"/>')
        width = max((len(r) if isinstance(r, list) else r[2]) for r in sh.rows)
        out = [f'<table:table table:name={quoteattr(sh.name)}'
               + (' table:style-name="ta_hidden"' if sh.hidden else ' table:style-name="ta1"') + ">",
               f'<table:table-column table:number-columns-repeated="{max(width, 1)}"/>']
        for row in sh.rows:
            out.append("<table:table-row>")
            if isinstance(row, tuple):
                _, text, w = row
                out.append(f'<table:table-cell office:value-type="string" '
                           f'table:number-columns-spanned="{w}" table:number-rows-spanned="1">'
                           f"{paras(text)}</table:table-cell>" + "<table:covered-table-cell/>" * (w - 1))
            elif not row:
                out.append("<table:table-cell/>")
            for ci, c in enumerate(row if isinstance(row, list) else []):
                v = f' table:content-validation-name="{vname}"' if vname and ci == sh.rag_col else ""
                if c is None:
                    out.append(f"<table:table-cell{v}/>")
                elif c.value is not None:
                    d = c.value
                    out.append(f'<table:table-cell{style(c)}{v} office:value-type="date" '
                               f'office:date-value="{d.isoformat()}"><text:p>'
                               f'{d.strftime("%d/%m/%Y")}</text:p></table:table-cell>')
                elif c.text:
                    out.append(f'<table:table-cell{style(c)}{v} office:value-type="string">'
                               f"{paras(c.text)}</table:table-cell>")
                else:
                    out.append(f"<table:table-cell{style(c)}{v}/>")
            out.append("</table:table-row>")
        out.append("</table:table>")
        tables.append("".join(out))
    auto = ['<number:date-style style:name="N37"><number:day number:style="long"/>'
            '<number:text>/</number:text><number:month number:style="long"/>'
            '<number:text>/</number:text><number:year number:style="long"/></number:date-style>',
            '<style:style style:name="ta1" style:family="table" style:master-page-name="Default">'
            '<style:table-properties table:display="true"/></style:style>',
            '<style:style style:name="ta_hidden" style:family="table" style:master-page-name="Default">'
            '<style:table-properties table:display="false"/></style:style>']
    for (fill, font, date), name in styles.items():
        ds = ' style:data-style-name="N37"' if date else ""
        props = f'<style:table-cell-properties fo:background-color="#{fill}"/>' if fill else ""
        props += f'<style:text-properties fo:color="#{font}"/>' if font else ""
        auto.append(f'<style:style style:name="{name}" style:family="table-cell" '
                    f'style:parent-style-name="Default"{ds}>{props}</style:style>')
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
          'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2"')
    content = ('<?xml version="1.0" encoding="UTF-8"?>'
               f"<office:document-content {ns}><office:automatic-styles>{''.join(auto)}"
               "</office:automatic-styles><office:body><office:spreadsheet>"
               + (f"<table:content-validations>{''.join(validations)}</table:content-validations>"
                  if validations else "")
               + "".join(tables) + "</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as z:
        fixed = (2016, 1, 1, 0, 0, 0)   # the same bytes on every run
        z.writestr(zipfile.ZipInfo("mimetype", fixed), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        for name, data in (("content.xml", content), ("META-INF/manifest.xml", manifest)):
            z.writestr(zipfile.ZipInfo(name, fixed), data, compress_type=zipfile.ZIP_DEFLATED)


def write_csv(path, header, rows, bom=False):
    """CSV as Excel saves it (CRLF; with `bom`, "CSV UTF-8" with its byte order mark)."""
    with open(path, "w", newline="", encoding="utf-8-sig" if bom else "utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for kind, cells in rows:
            w.writerow([c.value.isoformat() if c.value is not None else c.text for c in cells])


def grid(header_rows, rows, width):
    """Sheet rows from header rows and action rows ('banner' rows merge across `width`)."""
    out = [[Cell(h) for h in hr] for hr in header_rows]
    for kind, cells in rows:
        if kind == "banner":
            out.append(("banner", cells, width))
        else:
            out.append(cells)
    return out
