"""The admin's JavaScript, patched for staff: Chinese where Piccolo Admin hard-codes English,
Chinese table titles, readable errors, Asia/Shanghai as the default timezone.

Piccolo Admin ships one built bundle; text that does not go through its translation layer is
replaced here by exact snippets. Each replacement states how often its snippet occurs, and the
bundle's checksum is pinned: an upgraded Piccolo Admin fails at start-up and in the tests
(tests/admin/test_bundle.py) instead of silently showing English again.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

import piccolo_admin

ASSETS = Path(piccolo_admin.__file__).parent / "dist" / "assets"
BUNDLE_NAME = "index-BEwzAl-o.js"
# sha256 of the bundle of piccolo-admin 1.14.0, the version pyproject.toml pins.
PINNED = "9df2af4611e0869cf15ab42f8b772845293645e9ed0488c0088f672008559871"

# Helpers the replacements call; the data comes from `window.__LG`, written before the bundle.
PRELUDE = """
window.__LG = window.__LG || {tables: {}, columns: {}, readOnly: []};
function __lgTable(name) { return window.__LG.tables[name] || name; }
function __lgColumn(table, column) {
  return (window.__LG.columns[table] || {})[column] || column;
}
function __lgReadOnly(name) { return window.__LG.readOnly.indexOf(name) >= 0; }
// Workflow actions of a row: links to forms with the record's id (and fixed values) filled in.
// A value "$id" is the row's id, "$row.<column>" one of its columns, anything else as given.
function __lgActions(table, row, id) {
  return ((window.__LG.actions || {})[table] || []).map(function (a) {
    var query = Object.keys(a.values).map(function (k) {
      var v = a.values[k];
      if (v === "$id") v = id;
      else if (v.indexOf("$row.") === 0) v = row[v.slice(5)];
      return encodeURIComponent(k) + "=" + encodeURIComponent(v);
    }).join("&");
    return {label: a.label, href: "#/forms/" + encodeURIComponent(a.form) + "/?" + query};
  });
}
// A record's page: its history in the audit log, then the actions that need only its id.
function __lgRecordLinks(table, id) {
  var history = {
    label: "变更记录",
    href: "#/audit_log?entity_type=" + encodeURIComponent(table) + "&entity_id=" + id
  };
  var own = ((window.__LG.actions || {})[table] || []).filter(function (a) {
    return Object.keys(a.values).every(function (k) {
      return a.values[k].indexOf("$row.") !== 0;
    });
  });
  var links = [];
  own.forEach(function (a) {
    var query = Object.keys(a.values).map(function (k) {
      var v = a.values[k] === "$id" ? id : a.values[k];
      return encodeURIComponent(k) + "=" + encodeURIComponent(v);
    }).join("&");
    links.push({label: a.label, href: "#/forms/" + encodeURIComponent(a.form) + "/?" + query});
  });
  return [history].concat(links);
}
// The home page's work list: fetched once per visit of the home page.
function __lgWorklist() {
  var el = document.getElementById("lg-worklist");
  if (!el || el.dataset.filled) return;
  el.dataset.filled = "1";
  fetch("./worklist/", {credentials: "same-origin"})
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (data) {
      if (!data) return;
      var list = document.createElement("ul");
      data.items.forEach(function (item) {
        var li = document.createElement("li");
        var link = document.createElement("a");
        link.href = item.href;
        link.textContent = item.label;
        var count = document.createElement("strong");
        count.textContent = " " + item.count;
        li.appendChild(link);
        li.appendChild(count);
        list.appendChild(li);
      });
      var title = document.createElement("h2");
      title.textContent = "待办事项";
      el.replaceChildren(title, list);
    });
}
setInterval(__lgWorklist, 300);
// Fill a form's fields from the address (?employer_id=3&decision=VERIFIED) once they exist.
function __lgPrefill(query) {
  var names = Object.keys(query || {});
  if (!names.length) return;
  var tries = 0;
  var timer = setInterval(function () {
    var done = names.every(function (n) { return document.querySelector('form [name="' + n + '"]'); });
    if (done || ++tries > 50) {
      clearInterval(timer);
      names.forEach(function (n) {
        var el = document.querySelector('form [name="' + n + '"]');
        if (!el) return;
        el.value = query[n];
        el.dispatchEvent(new Event("input", {bubbles: true}));
        el.dispatchEvent(new Event("change", {bubbles: true}));
      });
    }
  }, 100);
}
// Pydantic's English messages by error type; anything else keeps the server's message.
var __LG_PYDANTIC = {
  missing: "必须填写", string_type: "须为文字", string_too_short: "不能为空",
  string_too_long: "超过长度上限", int_parsing: "须为整数", int_type: "须为整数",
  int_from_float: "须为整数", float_parsing: "须为数字", float_type: "须为数字",
  bool_parsing: "须选择是或否", bool_type: "须选择是或否", literal_error: "请从下拉列表中选择",
  enum: "请从下拉列表中选择", date_parsing: "日期格式应为 年-月-日", date_from_datetime_parsing:
  "日期格式应为 年-月-日", datetime_parsing: "时间格式无效", greater_than: "数值过小",
  greater_than_equal: "数值过小", less_than: "数值过大", less_than_equal: "数值过大",
  json_invalid: "格式无效", value_error: null
};
function __lgField(name) { return (window.__LG.fields || {})[name] || name; }
function __lgErrors(body, status) {
  if (body && typeof body === "object") {
    if (body.db_error) return ["数据库错误：" + body.db_error];
    if (Array.isArray(body.detail)) {
      return body.detail.map(function (d) {
        var loc = d && d.loc ? d.loc[d.loc.length - 1] : null;
        var msg = (d && __LG_PYDANTIC[d.type]) || (d && d.msg ? d.msg : String(d));
        msg = msg.replace(/^Value error, /, "");
        return loc && loc !== "__root__" ? __lgField(loc) + "：" + msg : msg;
      });
    }
    if (typeof body.detail === "string") return [body.detail];
    if (body.custom_form_error) return [body.custom_form_error];
    if (body.error) return [String(body.error)];
    return [JSON.stringify(body)];
  }
  if (status === 404) return ["记录不存在或不在您的管辖范围内"];
  return [String(body)];
}
"""

_EDIT_ITEM = (
    't0("li",null,[z0(p,{to:{name:"editRow",params:{tableName:e.tableName,rowID:m[e.pkName]}},'
    'class:"subtle",title:"Edit Row"},{default:J0(()=>[z0(a,{icon:"edit"}),'
    'U0(M0(e.$t("Edit")),1)]),_:1},8,["to"])])'
)
_DELETE_ITEM = (
    't0("li",null,[z0(b,{includeTitle:!0,class:"subtle delete",'
    'onTriggered:g=>e.deleteRow(m[e.pkName])},null,8,["onTriggered"])])'
)
ROW_MENU_OLD = f"default:J0(()=>[{_EDIT_ITEM},{_DELETE_ITEM}])"
ROW_MENU_NEW = (
    'default:J0(()=>[...__lgActions(e.tableName,m,m[e.pkName]).map(x=>t0("li",{key:x.href},'
    '[t0("a",{class:"subtle lg-action",href:x.href},x.label)])),'
    "...(__lgReadOnly(e.tableName)?[]:["
    + _EDIT_ITEM.replace('title:"Edit Row"', 'title:"编辑记录"')
    + f",{_DELETE_ITEM}])])"
)

_RECORD_DELETE = (
    't0("li",null,[z0(a,{includeTitle:!0,class:"subtle",onTriggered:e.deleteRow},null,8,'
    '["onTriggered"])])'
)
RECORD_MENU_OLD = f"default:J0(()=>[{_RECORD_DELETE}])"
RECORD_MENU_NEW = (
    'default:J0(()=>[...__lgRecordLinks(e.tableName,e.rowID).map(x=>t0("li",{key:x.href},'
    # The menu sits inside the ⋮ link, whose click handler cancels navigation: stop there.
    '[t0("a",{class:"subtle lg-action",href:x.href,onClick:v=>v.stopPropagation()},x.label)])),'
    f"...(__lgReadOnly(e.tableName)?[]:[{_RECORD_DELETE}])])"
)

# (snippet in the bundle, replacement, how many times the snippet occurs)
REPLACEMENTS: list[tuple[str, str, int]] = [
    # A row's menu (⋮): the record's workflow actions first; no edit or delete when read-only.
    (
        ROW_MENU_OLD,
        ROW_MENU_NEW,
        1,
    ),
    # A record's page menu (⋮): its history, its workflow actions; no delete when read-only.
    (RECORD_MENU_OLD, RECORD_MENU_NEW, 1),
    # Filter-only properties (a market's city, "open now") never appear in the edit form.
    (
        'Q0(e.schema.properties,(b,l)=>{var z,A;return Z(),p0("div",{key:l},[',
        'Q0(e.schema.properties,(b,l)=>{var z,A;if(b.extra&&b.extra.filter_only)return h0("",!0);'
        'return Z(),p0("div",{key:l},[',
        1,
    ),
    # …nor among the columns of a CSV export, whose labels are the column titles.
    (
        "z=p1(()=>{let O=Object.keys(a.value.properties);",
        "z=p1(()=>{let O=Object.keys(a.value.properties).filter(k=>!(a.value.properties[k]"
        ".extra||{}).filter_only);",
        1,
    ),
    (
        't0("label",{for:"csv_"+m},M0(m),9,kB)',
        't0("label",{for:"csv_"+m},M0(__lgField(m)),9,kB)',
        1,
    ),
    ('"Toggle all"', '"全选/全不选"', 1),
    ('"Include readable"', '"外键显示名称"', 1),
    ('this.showSuccess("Successfully applied filter")', 'this.showSuccess("已筛选")', 1),
    ('this.showSuccess("Successfully cleared filters")', 'this.showSuccess("已清除筛选")', 1),
    # The home page: what waits for staff (filled from /admin/worklist/ by __lgWorklist).
    (
        't0("p",null,M0(e.$t("Select a table in the sidebar to get started.")),1)])',
        't0("p",null,M0(e.$t("Select a table in the sidebar to get started.")),1),'
        't0("div",{id:"lg-worklist",class:"lg-worklist"})])',
        1,
    ),
    # A form opened from a record's action arrives with that record's values filled in.
    (
        'async fetchFormConfig(){const e=await this.$store.dispatch("fetchFormConfig",this.formSlug);this.formConfig=e.data}',
        'async fetchFormConfig(){const e=await this.$store.dispatch("fetchFormConfig",this.formSlug);this.formConfig=e.data;__lgPrefill(this.$route.query)}',
        1,
    ),
    # Workflow forms: dropdowns for choices, text areas where asked, help texts under fields.
    (
        'format:e.getFormat(a)},null,8,["columnName","type","value","isNullable",'
        '"timeResolution","format"]))])}),128))])}const Y_=',
        "format:e.getFormat(a),choices:a.extra&&a.extra.choices,widget:a.extra&&a.extra.widget},"
        'null,8,["columnName","type","value","isNullable","timeResolution","format","choices",'
        '"widget"])),a.description?t0("p",{class:"lg-help"},a.description):h0("",!0)])}),128))])}'
        "const Y_=",
        1,
    ),
    ('this.successMessage="Downloaded file"', 'this.successMessage="已下载"', 1),
    ('i.custom_form_success||"Successfully submitted form"', 'i.custom_form_success||"已提交"', 1),
    # Table titles instead of table names with spaces.
    ('function Cb(e){return e.split("_").join(" ")}', "function Cb(e){return __lgTable(e)}", 1),
    (
        'readableTableName(){return this.tableName?KL(this.tableName.split("_").join(" ")):""}',
        'readableTableName(){return this.tableName?__lgTable(this.tableName):""}',
        1,
    ),
    (
        'readableTableName(){return this.tableName.split("_").join(" ")}',
        "readableTableName(){return __lgTable(this.tableName)}",
        1,
    ),
    ('t0("span",l9,M0(s.tableName),1)', 't0("span",l9,M0(__lgTable(s.tableName)),1)', 1),
    (
        't0("span",z9,M0(s.columnName),1)',
        't0("span",z9,M0(__lgColumn(s.tableName,s.columnName)),1)',
        1,
    ),
    # The id column is not in the schema: its header comes from our titles too.
    (
        "e.schema.properties[m]?e.schema.properties[m].title:m",
        "e.schema.properties[m]?e.schema.properties[m].title:__lgColumn(e.tableName,m)",
        1,
    ),
    # Errors: a string `detail` (every refusal of ours) is shown, for any status.
    ("function tr(e,t){", "function tr(e,t){return __lgErrors(e,t);", 1),
    # Times in Asia/Shanghai unless the staff member chose another timezone.
    ('localStorage.getItem(Gs)??"UTC"', 'localStorage.getItem(Gs)??"Asia/Shanghai"', 2),
    # "Showing 15 of 120 result(s)" is not Chinese grammar.
    (
        'M0(e.$t("Showing"))+" "+M0(e.rows.length)+" "+M0(e.$t("of"))+" "+M0(e.rowCount)+" "'
        '+M0(e.$t("result(s)"))',
        '"共 "+M0(e.rowCount)+" 条，本页显示 "+M0(e.rows.length)+" 条"',
        1,
    ),
    ('"of "+M0(e.pageCount)', '"共 "+M0(e.pageCount)+" 页"', 1),
    ("label:`${c} per page`", "label:`每页 ${c} 条`", 1),
    # Hard-coded texts.
    ('U0(" Add sort column"', 'U0(" 添加排序列"', 1),
    ('U0(" Columns"', 'U0(" 列"', 1),
    ('U0(" Download"', 'U0(" 下载"', 1),
    ('U0(" Load more"', 'U0(" 加载更多"', 1),
    ('U0(" Unable to preview file - download below. "', 'U0(" 无法预览该文件，请在下方下载。 "', 1),
    ('U0("Error"', 'U0("错误"', 1),
    ('U0("Loading ... "', 'U0("加载中…… "', 1),
    ('contents:"Invalid column name or value"', 'contents:"列名或取值无效"', 1),
    ('contents:"MFA code required"', 'contents:"请输入动态验证码"', 1),
    (
        'contents:"Method not supported - running in read only mode."',
        'contents:"只读模式下不能修改"',
        1,
    ),
    ('contents:"Problem logging in"', 'contents:"登录失败：用户名或密码错误"', 1),
    ('contents:"Successfully added row"', 'contents:"已添加"', 1),
    ('contents:"Successfully saved row"', 'contents:"已保存"', 1),
    ('contents:"Successfully updated rows"', 'contents:"已批量更新"', 1),
    ('contents:"The form has errors."', 'contents:"未能保存，请查看页面上方的原因。"', 3),
    (
        'contents:"The server can\'t be reached - please try later."',
        'contents:"无法连接服务器，请稍后再试。"',
        1,
    ),
    ('contents:"Unable to delete the row."', 'contents:"未能删除该记录。"', 1),
    ('alert("Page not found")', 'alert("页面不存在")', 1),
    ('alert("Please select at least one column.")', 'alert("请至少选择一列。")', 1),
    ('alert("Successfully deleted row")', 'alert("已删除")', 1),
    ('confirm("Are you sure you want to logout?")', 'confirm("确定退出登录吗？")', 1),
    ('confirm("Are you sure you want to delete this row?")', 'confirm("确定删除这条记录吗？")', 1),
    (
        "confirm(`Are you sure you want to delete row ${e}?`)",
        "confirm(`确定删除第 ${e} 号记录吗？`)",
        1,
    ),
    (
        'confirm("Are you sure you want to delete the selected rows?")',
        'confirm("确定删除选中的记录吗？")',
        1,
    ),
    (
        "confirm(`There are more than ${jz}, are you sure you want to continue?`)",
        "confirm(`超过 ${jz} 行，确定继续吗？`)",
        1,
    ),
    ('placeholder:"Type here to filter"', 'placeholder:"输入以筛选"', 1),
    ('placeholder:e.isFilter?"All":"None"', 'placeholder:e.isFilter?"全部":"（无）"', 1),
    (
        'e.selectResult(null,"Null"),["prevent"]))},"None")',
        'e.selectResult(null,"（无）"),["prevent"]))},"（无）")',
        1,
    ),
    (
        'return this.isFilter?"All":this.isNullable&&this.value===null?"NULL":""',
        'return this.isFilter?"全部":this.isNullable&&this.value===null?"（空）":""',
        1,
    ),
    ('t0("code",null,"NULL",-1)', 't0("span",null,"—",-1)', 1),
    (
        "title:`Select a row from ${e.readableTableName}`",
        "title:`从“${e.readableTableName}”中选择`",
        1,
    ),
    ('title:"Add"', 'title:"添加"', 1),
    ('title:"Bulk Update"', 'title:"批量更新"', 1),
    ('title:"Click for more info"', 'title:"点击查看说明"', 1),
    ('title:"Click to toggle children."', 'title:"点击展开或收起"', 1),
    ('title:"Delete Row"', 'title:"删除记录"', 1),
    ('title:"Delete selected Rows"', 'title:"删除选中的记录"', 1),
    ('title:"Hide forms"', 'title:"收起表单"', 1),
    ('title:"Hide links"', 'title:"收起链接"', 1),
    ('title:"Hide password"', 'title:"隐藏密码"', 1),
    ('title:"Hide tables"', 'title:"收起数据表"', 1),
    ('title:"Remove"', 'title:"移除"', 2),
    ('title:"Show forms"', 'title:"展开表单"', 1),
    ('title:"Show links"', 'title:"展开链接"', 1),
    ('title:"Show password"', 'title:"显示密码"', 1),
    ('title:"Show tables"', 'title:"展开数据表"', 1),
    ('title:"Translations"', 'title:"语言"', 1),
    ('title:"View"', 'title:"查看"', 2),
    # Filter operators and boolean choices.
    ('{label:"Equals",value:"e"}', '{label:"等于",value:"e"}', 1),
    ('{label:"Not Equal",value:"ne"}', '{label:"不等于",value:"ne"}', 1),
    ('{label:"Less Than",value:"lt"}', '{label:"小于",value:"lt"}', 1),
    ('{label:"Less Than or Equal To",value:"lte"}', '{label:"小于等于",value:"lte"}', 1),
    ('{label:"Greater Than or Equal To",value:"gte"}', '{label:"大于等于",value:"gte"}', 1),
    ('{label:"Greater Than",value:"gt"}', '{label:"大于",value:"gt"}', 1),
    ('" All "', '" 全部 "', 2),
    ('" Null "', '" 空 "', 2),
    ('" True "', '" 是 "', 1),
    ('" False "', '" 否 "', 1),
    # Read-only tables (audit log, assessments, payouts): no "add row" in the interface.
    (
        'z0(p,{to:{name:"addRow",params:{tableName:e.tableName}},class:"button",',
        'z0(p,{to:{name:"addRow",params:{tableName:e.tableName}},'
        'class:["button",{"lg-hidden":__lgReadOnly(e.tableName)}],',
        1,
    ),
]

STYLE = ".lg-hidden{display:none!important}.lg-help{font-size:.85em;color:#555;margin:.25em 0 1em}"


def _original() -> str:
    return (ASSETS / BUNDLE_NAME).read_text(encoding="utf-8")


def patch(source: str) -> str:
    """Apply every replacement, refusing a bundle whose snippets are not where we expect."""
    for old, new, count in REPLACEMENTS:
        found = source.count(old)
        if found != count:
            raise RuntimeError(
                f"Piccolo Admin's bundle changed: {old[:60]!r} occurs {found}×, expected {count}×"
            )
        source = source.replace(old, new)
    return source


@cache
def patched_core() -> str:
    source = _original()
    digest = hashlib.sha256(source.encode()).hexdigest()
    if digest != PINNED:
        raise RuntimeError(f"unexpected Piccolo Admin bundle {digest}; review admin/extension")
    return patch(source)


def bundle(
    tables: dict[str, str],
    columns: dict[str, dict[str, str]],
    read_only: list[str],
    fields: dict[str, str],
    actions: dict[str, list[dict]],
) -> bytes:
    """The bundle the admin page loads: our data and helpers first, then the patched code.

    `fields` names form fields and columns in error messages ({name: Chinese title})."""
    data = json.dumps(
        {
            "tables": tables,
            "columns": columns,
            "readOnly": read_only,
            "fields": fields,
            "actions": actions,
        },
        ensure_ascii=False,
    )
    style = json.dumps(STYLE)
    head = (
        f"window.__LG = {data};\n{PRELUDE}\n"
        f"(function(){{var s=document.createElement('style');s.textContent={style};"
        "document.head.appendChild(s);})();\n"
    )
    return (head + patched_core()).encode()
