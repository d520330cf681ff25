<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About ArchiveViewer</source>
        <translation>关于 ArchiveViewer</translation>
    </message>
    <message>
        <source>An offline viewer for digitized Chinese newspaper archives.</source>
        <translation>离线浏览数字化中文报纸档案的工具。</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>LGPLv3</source>
        <translation>LGPLv3</translation>
    </message>
    <message>
        <source>MIT</source>
        <translation>MIT</translation>
    </message>
    <message>
        <source>BSD</source>
        <translation>BSD</translation>
    </message>
    <message>
        <source>Apache-2.0</source>
        <translation>Apache-2.0</translation>
    </message>
    <message>
        <source>WenQuanYi Micro Hei (bundled font, GBK subset)</source>
        <translation>文泉驿微米黑（随附字体，GBK 子集）</translation>
    </message>
    <message>
        <source>Apache-2.0 or GPLv3 with font embedding exception</source>
        <translation>Apache-2.0 或附字体嵌入例外的 GPLv3</translation>
    </message>
    <message>
        <source>ArchiveViewer is licensed under the Apache License 2.0.</source>
        <translation>ArchiveViewer 以 Apache License 2.0 授权。</translation>
    </message>
    <message>
        <source>It is built with these components:</source>
        <translation>它使用了以下组件：</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>The licence texts are in the resources/fonts folder and in each library.</source>
        <translation>许可证全文见 resources/fonts 文件夹及各程序库。</translation>
    </message>
</context>
<context>
    <name>AddRowDialog</name>
    <message>
        <source>Add Timeline Entry</source>
        <translation>添加时间轴条目</translation>
    </message>
    <message>
        <source>Add Document</source>
        <translation>添加文档</translation>
    </message>
    <message>
        <source>YYYY-MM-DD (or YYYY-MM, YYYY)</source>
        <translation>YYYY-MM-DD（或 YYYY-MM、YYYY）</translation>
    </message>
    <message>
        <source>Document:</source>
        <translation>文档：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <source>document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>报纸：</translation>
    </message>
    <message>
        <source>Page:</source>
        <translation>版次：</translation>
    </message>
    <message>
        <source>Not a date: use YYYY-MM-DD, YYYY-MM or YYYY.</source>
        <translation>不是日期：请用 YYYY-MM-DD、YYYY-MM 或 YYYY。</translation>
    </message>
    <message>
        <source>An entry needs a document and some text.</source>
        <translation>条目需要所属文档和内容。</translation>
    </message>
    <message>
        <source>A document needs a title.</source>
        <translation>文档需要标题。</translation>
    </message>
</context>
<context>
    <name>AnnotationsModel</name>
    <message>
        <source>Note</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
</context>
<context>
    <name>AnnotationsPanel</name>
    <message>
        <source>Notes</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Add &amp;Note…</source>
        <translation>添加批注(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Add a note to the current article or entry</source>
        <translation>为当前文章或条目添加批注</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加批注</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>编辑批注</translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation>删除批注</translation>
    </message>
</context>
<context>
    <name>ArchiveController</name>
    <message>
        <source>Open Archive</source>
        <translation>打开档案</translation>
    </message>
    <message>
        <source>Wait for the import to finish first.</source>
        <translation>请先等待导入完成。</translation>
    </message>
    <message>
        <source>No archive open</source>
        <translation>未打开档案</translation>
    </message>
    <message>
        <source>Archive: %1</source>
        <translation>档案：%1</translation>
    </message>
    <message>
        <source>%1 documents · %2 timeline entries</source>
        <translation>%1 篇文档 · %2 个时间轴条目</translation>
    </message>
    <message>
        <source>New Archive: Choose an Empty Folder</source>
        <translation>新建档案：选择一个空文件夹</translation>
    </message>
    <message>
        <source>Open Archive Folder</source>
        <translation>打开档案文件夹</translation>
    </message>
    <message>
        <source>There is no archive in %1. Create a new archive there?</source>
        <translation>%1 中没有档案。要在那里新建档案吗？</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Cannot open the archive: %1</source>
        <translation>无法打开档案：%1</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>清除列表(&amp;C)</translation>
    </message>
    <message>
        <source>No recent archives</source>
        <translation>没有最近打开的档案</translation>
    </message>
</context>
<context>
    <name>BulkEditDialog</name>
    <message>
        <source>Bulk Edit</source>
        <translation>批量编辑</translation>
    </message>
    <message>
        <source>Add a tag</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <source>Remove a tag</source>
        <translation>移除标签</translation>
    </message>
    <message>
        <source>Set the date</source>
        <translation>设置日期</translation>
    </message>
    <message>
        <source>Shift the dates by N days</source>
        <translation>日期前后移动 N 天</translation>
    </message>
    <message>
        <source>Set the paper</source>
        <translation>设置报纸</translation>
    </message>
    <message>
        <source>Set the page</source>
        <translation>设置版次</translation>
    </message>
    <message>
        <source>Set the kind</source>
        <translation>设置类型</translation>
    </message>
    <message>
        <source>YYYY-MM-DD (or YYYY-MM, YYYY)</source>
        <translation>YYYY-MM-DD（或 YYYY-MM、YYYY）</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>修改：</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>值：</translation>
    </message>
    <message>
        <source>%1 selected rows; one Undo takes the whole change back.</source>
        <translation>已选 %1 行；一次撤销即可撤回整个修改。</translation>
    </message>
    <message>
        <source>Not a date: use YYYY-MM-DD, YYYY-MM or YYYY.</source>
        <translation>不是日期：请用 YYYY-MM-DD、YYYY-MM 或 YYYY。</translation>
    </message>
    <message>
        <source>Not a tag: one word, no , ; or :.</source>
        <translation>不是有效标签：须为一个词，不含 , ; 或 :。</translation>
    </message>
    <message>
        <source>Shift by at least one day.</source>
        <translation>至少移动一天。</translation>
    </message>
</context>
<context>
    <name>CellTextEdit</name>
    <message>
        <source>Amounts found: %1</source>
        <translation>识别出的金额：%1</translation>
    </message>
    <message>
        <source>Amounts found: none</source>
        <translation>识别出的金额：无</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Changed by Someone Else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <source>timeline entry</source>
        <translation>时间轴条目</translation>
    </message>
    <message>
        <source>document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>note</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>While you were editing, someone else saved this %1 (field “%2”, now version %3). Nothing of yours was saved yet. Choose which value to keep:</source>
        <translation>在您编辑期间，他人已保存了此%1（字段“%2”，现为第 %3 版）。您的修改尚未保存。请选择保留哪个值：</translation>
    </message>
    <message>
        <source>Merged value</source>
        <translation>合并后的值</translation>
    </message>
    <message>
        <source>Edit here to combine both, then Save Merged</source>
        <translation>在此合并两者，然后点“保存合并结果”</translation>
    </message>
    <message>
        <source>Your value</source>
        <translation>您的值</translation>
    </message>
    <message>
        <source>Their value (saved now)</source>
        <translation>对方的值（已保存）</translation>
    </message>
    <message>
        <source>&amp;Merged by hand:</source>
        <translation>手工合并(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Keep Mine</source>
        <translation>保留我的(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Take Theirs</source>
        <translation>采用对方的(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Save Merged</source>
        <translation>保存合并结果(&amp;S)</translation>
    </message>
    <message>
        <source>paragraph</source>
        <translation>段落</translation>
    </message>
</context>
<context>
    <name>DateDelegate</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>A date as YYYY-MM-DD; YYYY-MM or YYYY where the page gives no day</source>
        <translation>日期格式 YYYY-MM-DD；报面未给出日时可用 YYYY-MM 或 YYYY</translation>
    </message>
    <message>
        <source>Not saved: a date is needed</source>
        <translation>未保存：需要日期</translation>
    </message>
    <message>
        <source>Not saved: '%1' is not a date (YYYY-MM-DD, or YYYY-MM, YYYY)</source>
        <translation>未保存：“%1”不是日期（YYYY-MM-DD，或 YYYY-MM、YYYY）</translation>
    </message>
    <message>
        <source>Not saved: '%1' is not a date (YYYY-MM-DD)</source>
        <translation>未保存：“%1”不是日期（YYYY-MM-DD）</translation>
    </message>
</context>
<context>
    <name>DocumentTableModel</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation>副标题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>报纸</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>版次</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Byline</source>
        <translation>署名</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Source file</source>
        <translation>来源文件</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>undated</source>
        <translation>无日期</translation>
    </message>
</context>
<context>
    <name>DocumentsView</name>
    <message>
        <source>Documents (editable)</source>
        <translation>文档（可编辑）</translation>
    </message>
    <message>
        <source>Add a document</source>
        <translation>添加文档</translation>
    </message>
</context>
<context>
    <name>EditController</name>
    <message>
        <source>This archive is read-only for you (your database role cannot change it): you can search, read and export, but not edit.</source>
        <translation>此档案库对您只读（您的数据库角色无修改权限）：可以检索、阅读和导出，但不能编辑。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Not saved: this archive is read-only for you.</source>
        <translation>未保存：此档案库对您只读。</translation>
    </message>
    <message>
        <source>the row keeps changing under you; reload and try again</source>
        <translation>该行不断被他人修改；请刷新后重试</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑%1</translation>
    </message>
    <message>
        <source>Add tag %1</source>
        <translation>添加标签 %1</translation>
    </message>
    <message>
        <source>Remove tag %1</source>
        <translation>移除标签 %1</translation>
    </message>
    <message>
        <source>Change tags</source>
        <translation>修改标签</translation>
    </message>
    <message>
        <source>Set %1 on %2 rows</source>
        <translation>为 %2 行设置%1</translation>
    </message>
    <message>
        <source>Shift %1 dates by %2 days</source>
        <translation>将 %1 个日期移动 %2 天</translation>
    </message>
    <message>
        <source>Add entry</source>
        <translation>添加条目</translation>
    </message>
    <message>
        <source>Add document</source>
        <translation>添加文档</translation>
    </message>
    <message>
        <source>timeline entries</source>
        <translation>条时间轴条目</translation>
    </message>
    <message>
        <source>documents (with their entries)</source>
        <translation>个文档（连同其条目）</translation>
    </message>
    <message>
        <source>Delete %1 %2? Edit ▸ Undo brings them back.</source>
        <translation>删除 %1 %2？可用 编辑 ▸ 撤销 恢复。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete %1 rows</source>
        <translation>删除 %1 行</translation>
    </message>
    <message>
        <source>Restore %1 from history</source>
        <translation>从历史恢复%1</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加批注</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>编辑批注</translation>
    </message>
    <message>
        <source>Delete Note</source>
        <translation>删除批注</translation>
    </message>
    <message>
        <source>Delete this note? Edit ▸ Undo brings it back.</source>
        <translation>删除这条批注？可用 编辑 ▸ 撤销 恢复。</translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation>删除批注</translation>
    </message>
    <message>
        <source>This archive is read-only for you (its folder cannot be written): you can search, read and export, but not edit or import.</source>
        <translation>此档案库对您只读（其文件夹不可写入）：可以检索、阅读和导出，但不能编辑或导入。</translation>
    </message>
    <message>
        <source>%1 of the %2 rows were changed by someone else meanwhile, so none of the %2 was changed (a bulk edit is all or nothing). The table now shows their values.</source>
        <translation>%2 行中有 %1 行在此期间已被他人修改，因此 %2 行均未更改（批量编辑要么全部生效，要么全不生效）。表格现在显示他人的值。</translation>
    </message>
    <message>
        <source>the rows keep changing under you; reload and try again</source>
        <translation>这些行一直在被他人修改；请重新载入后再试</translation>
    </message>
    <message>
        <source>• %1 — %2 is now “%3”</source>
        <translation>• %1 — %2 现为“%3”</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>……另有 %1 行</translation>
    </message>
    <message>
        <source>Changed by Someone Else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <source>Nothing was changed: %1 of the %2 selected rows were changed by someone else after you read them. A bulk edit is all or nothing, so none of the %2 rows got the new %3.</source>
        <translation>未做任何更改：所选 %2 行中有 %1 行在您读取之后已被他人修改。批量编辑要么全部生效，要么全不生效，因此 %2 行都没有设置新的%3。</translation>
    </message>
    <message>
        <source>Apply to All Anyway</source>
        <translation>仍然全部应用</translation>
    </message>
    <message>
        <source>Cancel (Save Nothing)</source>
        <translation>取消（不保存）</translation>
    </message>
    <message>
        <source>Correct paragraph</source>
        <translation>更正段落</translation>
    </message>
    <message>
        <source>Correct entry text</source>
        <translation>更正条目文字</translation>
    </message>
</context>
<context>
    <name>EditTablePanel</name>
    <message>
        <source>Filter text…</source>
        <translation>筛选文字…</translation>
    </message>
    <message>
        <source>Filter by text</source>
        <translation>按文字筛选</translation>
    </message>
    <message>
        <source>from YYYY-MM-DD</source>
        <translation>起 YYYY-MM-DD</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>to YYYY-MM-DD</source>
        <translation>止 YYYY-MM-DD</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>按标签筛选</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>Filter by kind</source>
        <translation>按类型筛选</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>&amp;Undated only</source>
        <translation>仅无日期(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Bulk Edit…</source>
        <translation>批量编辑(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>历史(&amp;H)…</translation>
    </message>
    <message>
        <source>Add &amp;Note…</source>
        <translation>添加批注(&amp;N)…</translation>
    </message>
    <message>
        <source>The date filter needs YYYY-MM-DD, YYYY-MM or YYYY.</source>
        <translation>日期筛选需为 YYYY-MM-DD、YYYY-MM 或 YYYY。</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>&amp;Open in Reader</source>
        <translation>在阅读器中打开(&amp;O)</translation>
    </message>
</context>
<context>
    <name>EditTablesController</name>
    <message>
        <source>Note on the timeline entry %1</source>
        <translation>时间轴条目的批注：%1</translation>
    </message>
    <message>
        <source>Note on the document %1</source>
        <translation>文档的批注：%1</translation>
    </message>
    <message>
        <source>Note on a paragraph</source>
        <translation>段落的批注</translation>
    </message>
    <message>
        <source>Note by %1</source>
        <translation>%1 的批注</translation>
    </message>
    <message>
        <source>Edit Note</source>
        <translation>编辑批注</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Correct Paragraph</source>
        <translation>更正段落</translation>
    </message>
    <message>
        <source>Correct the paragraph as the page prints it. The imported text stays in the archive.</source>
        <translation>按版面印刷的内容更正此段落。导入时的原文仍保留在档案库中。</translation>
    </message>
    <message>
        <source>Correct Entry Text</source>
        <translation>更正条目文字</translation>
    </message>
    <message>
        <source>Correct the text of the timeline entry of %1.</source>
        <translation>更正 %1 的时间轴条目文字。</translation>
    </message>
</context>
<context>
    <name>EntriesView</name>
    <message>
        <source>Timeline entries (editable)</source>
        <translation>时间轴条目（可编辑）</translation>
    </message>
    <message>
        <source>Add a timeline entry to the document of the current entry</source>
        <translation>向当前条目所属文档添加时间轴条目</translation>
    </message>
</context>
<context>
    <name>EntryTableModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Amounts</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>Cannot export to {path}: it is a folder.</source>
        <translation>无法导出到 {path}：这是一个文件夹。</translation>
    </message>
    <message>
        <source>{path} already exists. Choose another name or allow overwriting.</source>
        <translation>{path} 已存在。请换一个文件名或允许覆盖。</translation>
    </message>
    <message>
        <source>Cannot export to {path}: the folder {folder} does not exist.</source>
        <translation>无法导出到 {path}：文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>Cannot write {path}: permission denied (is the folder read-only, or the file open in another program?).</source>
        <translation>无法写入 {path}：权限不足（文件夹是否只读，或文件正被其他程序打开？）。</translation>
    </message>
    <message>
        <source>Cannot write {path}: the disk is full.</source>
        <translation>无法写入 {path}：磁盘已满。</translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}.</source>
        <translation>无法写入 {path}：{reason}。</translation>
    </message>
    <message>
        <source>Cannot create a temporary file beside {path}.</source>
        <translation>无法在 {path} 旁创建临时文件。</translation>
    </message>
    <message>
        <source>PDF export needs a QGuiApplication, but a QCoreApplication is running.</source>
        <translation>PDF 导出需要 QGuiApplication，但当前运行的是 QCoreApplication。</translation>
    </message>
    <message>
        <source>The bundled font is missing: {path}</source>
        <translation>缺少随附字体：{path}</translation>
    </message>
    <message>
        <source>Qt could not load the bundled font {path}</source>
        <translation>Qt 无法加载随附字体 {path}</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>责编</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>版式</translation>
    </message>
    <message>
        <source>Proofreader</source>
        <translation>校对</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Timeline entry</source>
        <translation>时间轴条目</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Annotation</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>The data cannot be written as JSON: {reason}</source>
        <translation>数据无法写成 JSON：{reason}</translation>
    </message>
    <message>
        <source>{path} is not valid JSON: {reason}</source>
        <translation>{path} 不是有效的 JSON：{reason}</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <source>The page is too small for the export once margins are taken off.</source>
        <translation>去掉页边距后页面太小，无法导出。</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页，共 {pages} 页</translation>
    </message>
    <message>
        <source>Exported {when}</source>
        <translation>导出于 {when}</translation>
    </message>
    <message>
        <source>Cannot start painting the pages (is the output file writable?).</source>
        <translation>无法开始绘制页面（输出文件是否可写？）。</translation>
    </message>
    <message>
        <source>Cannot add page {page} to the output.</source>
        <translation>无法向输出文件添加第 {page} 页。</translation>
    </message>
    <message>
        <source>Nothing to export: no documents were selected.</source>
        <translation>没有可导出的内容：未选择任何文档。</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Amounts</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Appendix: annotations</source>
        <translation>附录：批注</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>{count} documents from {archive}</source>
        <translation>来自 {archive} 的 {count} 篇文档</translation>
    </message>
    <message>
        <source>Export from the archive {archive}</source>
        <translation>导出自档案库 {archive}</translation>
    </message>
    <message>
        <source>{count} entries</source>
        <translation>{count} 个条目</translation>
    </message>
    <message>
        <source>from {title}</source>
        <translation>出自 {title}</translation>
    </message>
    <message>
        <source>No entries.</source>
        <translation>没有条目。</translation>
    </message>
    <message>
        <source>Timeline exported from the archive {archive}</source>
        <translation>导出自档案库 {archive} 的时间轴</translation>
    </message>
    <message>
        <source>Search report: {query}</source>
        <translation>检索报告：{query}</translation>
    </message>
    <message>
        <source>Search report</source>
        <translation>检索报告</translation>
    </message>
    <message>
        <source>(the first {count} are listed)</source>
        <translation>（仅列出前 {count} 条）</translation>
    </message>
    <message>
        <source>Query:</source>
        <translation>查询：</translation>
    </message>
    <message>
        <source>Ran at:</source>
        <translation>查询时间：</translation>
    </message>
    <message>
        <source>Hits:</source>
        <translation>命中数：</translation>
    </message>
    <message>
        <source>Archive:</source>
        <translation>档案库：</translation>
    </message>
    <message>
        <source>No hits.</source>
        <translation>没有命中结果。</translation>
    </message>
    <message>
        <source>Search report from the archive {archive}</source>
        <translation>档案库 {archive} 的检索报告</translation>
    </message>
    <message>
        <source>Cannot export to {path}: it is not a regular file (a device, pipe or socket).</source>
        <translation>无法导出到 {path}：它不是普通文件（而是设备、管道或套接字）。</translation>
    </message>
    <message>
        <source>entry_id</source>
        <translation>条目编号</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>amounts</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>amounts_yuan</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>document_id</source>
        <translation>文档编号</translation>
    </message>
    <message>
        <source>document_title</source>
        <translation>文档标题</translation>
    </message>
    <message>
        <source>document_kind</source>
        <translation>文档类型</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源文件</translation>
    </message>
    <message>
        <source>row_type</source>
        <translation>行类型</translation>
    </message>
    <message>
        <source>section</source>
        <translation>小节</translation>
    </message>
    <message>
        <source>number</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>target</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>ran_at</source>
        <translation>运行时间</translation>
    </message>
    <message>
        <source>total</source>
        <translation>总数</translation>
    </message>
    <message>
        <source>rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>snippet</source>
        <translation>摘录</translation>
    </message>
    <message>
        <source>highlights</source>
        <translation>匹配位置</translation>
    </message>
    <message>
        <source>marked_snippet</source>
        <translation>标记摘录</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>What to export</source>
        <translation>导出内容</translation>
    </message>
    <message>
        <source>Current document: %1</source>
        <translation>当前文档：%1</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>全部文档</translation>
    </message>
    <message>
        <source>Timeline (all entries)</source>
        <translation>时间轴（全部条目）</translation>
    </message>
    <message numerus="yes">
        <source>Timeline (%n shown entries)</source>
        <translation>
            <numerusform>时间轴（显示的 %n 个条目）</numerusform>
        </translation>
    </message>
    <message>
        <source>Search report: %1</source>
        <translation>搜索报告：%1</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <source>CSV table (UTF-8)</source>
        <translation>CSV 表格（UTF-8）</translation>
    </message>
    <message>
        <source>JSON data</source>
        <translation>JSON 数据</translation>
    </message>
    <message>
        <source>Output file</source>
        <translation>输出文件</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;What:</source>
        <translation>内容(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation>保存到(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Print Pre&amp;view…</source>
        <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Choose a file to export to.</source>
        <translation>请选择要导出到的文件。</translation>
    </message>
    <message>
        <source>Replace file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 已存在。要替换它吗？</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message numerus="yes">
        <source> (%n page(s))</source>
        <translation>
            <numerusform>（%n 页）</numerusform>
        </translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>导出已取消；未写入任何内容。</translation>
    </message>
    <message>
        <source>Print Preview</source>
        <translation>打印预览</translation>
    </message>
</context>
<context>
    <name>FacetPanel</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Filtering by this; click again to show all</source>
        <translation>正按此项筛选；再次点击显示全部</translation>
    </message>
    <message>
        <source>Show only these results</source>
        <translation>只显示这些结果</translation>
    </message>
    <message>
        <source>Undated</source>
        <translation>无日期</translation>
    </message>
</context>
<context>
    <name>FieldLabel</name>
    <message>
        <source>created</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>subtitle</source>
        <translation>副标题</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>paper</source>
        <translation>报纸</translation>
    </message>
    <message>
        <source>page</source>
        <translation>版次</translation>
    </message>
    <message>
        <source>byline</source>
        <translation>署名</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History: %1</source>
        <translation>历史：%1</translation>
    </message>
    <message>
        <source>Every change, newest first. Restoring puts the value from before that change back (as a new change).</source>
        <translation>所有修改，最新的在前。恢复会把该次修改之前的值放回（记为一次新修改）。</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>No changes yet: this is the imported version.</source>
        <translation>尚无修改：这是导入时的版本。</translation>
    </message>
    <message>
        <source>&amp;Restore the Value Before</source>
        <translation>恢复修改前的值(&amp;R)</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>An import is already running.</source>
        <translation>已有一个导入任务正在进行。</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Storing %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
    <message>
        <source>Finishing…</source>
        <translation>正在完成…</translation>
    </message>
    <message>
        <source>Import Failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>未导入任何内容：%1</translation>
    </message>
    <message>
        <source>Imported %1 file(s): %2 document(s), %3 timeline entries.</source>
        <translation>已导入 %1 个文件：%2 篇文档，%3 个时间轴条目。</translation>
    </message>
    <message>
        <source>Skipped (already in the archive):</source>
        <translation>已跳过（档案中已有）：</translation>
    </message>
    <message>
        <source>Refused:</source>
        <translation>已拒绝：</translation>
    </message>
    <message>
        <source>%1 file(s) could not be imported.</source>
        <translation>%1 个文件无法导入。</translation>
    </message>
    <message>
        <source>%1 file(s) were already in the archive.</source>
        <translation>%1 个文件已在档案中。</translation>
    </message>
    <message>
        <source>Not imported (unsupported file type):</source>
        <translation>未导入（不支持的文件类型）：</translation>
    </message>
    <message>
        <source>Passed over in the folders:</source>
        <translation>文件夹中跳过的项目：</translation>
    </message>
    <message>
        <source>Kept as images, text not searchable (install Tesseract OCR to read scans):</source>
        <translation>已作为图像保存，文字不可搜索（安装 Tesseract OCR 即可识别扫描件）：</translation>
    </message>
    <message>
        <source>%1 file(s) or folder(s) were not imported (see the details).</source>
        <translation>%1 个文件或文件夹未导入（见详细信息）。</translation>
    </message>
    <message>
        <source>The import was already being saved when you cancelled, so it was not undone.</source>
        <translation>取消时导入已在保存中，因此没有撤销。</translation>
    </message>
</context>
<context>
    <name>IndexController</name>
    <message>
        <source>Rebuild Search Index</source>
        <translation>重建搜索索引</translation>
    </message>
    <message>
        <source>Indexed %1 of %2 items…</source>
        <translation>已索引 %1 / %2 项…</translation>
    </message>
    <message>
        <source>rebuild cancelled</source>
        <translation>重建已取消</translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Timeline entry</source>
        <translation>时间轴条目</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>批注</translation>
    </message>
</context>
<context>
    <name>LibraryController</name>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Timeline entry</source>
        <translation>时间轴条目</translation>
    </message>
    <message>
        <source>Add Note</source>
        <translation>添加批注</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>批注：</translation>
    </message>
    <message>
        <source>Attach Related Documents</source>
        <translation>附加相关文档</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Detach Related Document</source>
        <translation>移除相关文档</translation>
    </message>
    <message>
        <source>Remove the link to this document? A document linked nowhere else is removed from the archive.</source>
        <translation>要移除与此文档的关联吗？不再与任何内容关联的文档将从档案中删除。</translation>
    </message>
    <message>
        <source>Open Related Document</source>
        <translation>打开相关文档</translation>
    </message>
    <message>
        <source>No program is set up to open %1.</source>
        <translation>没有可以打开 %1 的程序。</translation>
    </message>
    <message>
        <source>Related Documents and Notes</source>
        <translation>相关文档与批注</translation>
    </message>
    <message>
        <source>Save Original As</source>
        <translation>原件另存为</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Open Archive</source>
        <translation type="vanished">打开档案</translation>
    </message>
    <message>
        <source>Cannot open the archive: %1</source>
        <translation type="vanished">无法打开档案：%1</translation>
    </message>
    <message>
        <source>&amp;Outline</source>
        <translation>大纲(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Related Documents</source>
        <translation>相关文档(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>批注(&amp;N)</translation>
    </message>
    <message>
        <source>Archive location</source>
        <translation>档案位置</translation>
    </message>
    <message>
        <source>Archive contents</source>
        <translation>档案内容</translation>
    </message>
    <message>
        <source>Search index state</source>
        <translation>搜索索引状态</translation>
    </message>
    <message>
        <source>Search index rebuild progress</source>
        <translation>搜索索引重建进度</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New Archive…</source>
        <translation>新建档案(&amp;N)…</translation>
    </message>
    <message>
        <source>Create an empty archive in a folder</source>
        <translation>在文件夹中新建一个空档案</translation>
    </message>
    <message>
        <source>&amp;Open Archive…</source>
        <translation>打开档案(&amp;O)…</translation>
    </message>
    <message>
        <source>Open an archive folder</source>
        <translation>打开一个档案文件夹</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
    <message>
        <source>Edit Entries</source>
        <translation>编辑条目</translation>
    </message>
    <message>
        <source>Edit Documents</source>
        <translation>编辑文档</translation>
    </message>
    <message>
        <source>&amp;Import Files…</source>
        <translation>导入文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Import newspaper pages and documents</source>
        <translation>导入报纸版面和文档</translation>
    </message>
    <message>
        <source>Import F&amp;older…</source>
        <translation>导入文件夹(&amp;L)…</translation>
    </message>
    <message>
        <source>Import every text file in a folder</source>
        <translation>导入文件夹中的所有文本文件</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Export documents, the timeline or a search report</source>
        <translation>导出文档、时间轴或搜索报告</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>Type a search query</source>
        <translation>输入搜索语句</translation>
    </message>
    <message>
        <source>Find &amp;Next Match</source>
        <translation>下一个匹配(&amp;N)</translation>
    </message>
    <message>
        <source>Find &amp;Previous Match</source>
        <translation>上一个匹配(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Save Search…</source>
        <translation>保存搜索(&amp;S)…</translation>
    </message>
    <message>
        <source>Add &amp;Note…</source>
        <translation>添加批注(&amp;N)…</translation>
    </message>
    <message>
        <source>Add a note to the current article or entry</source>
        <translation>为当前文章或条目添加批注</translation>
    </message>
    <message>
        <source>&amp;Attach Related Document…</source>
        <translation>附加相关文档(&amp;A)…</translation>
    </message>
    <message>
        <source>Pre&amp;ferences…</source>
        <translation>首选项(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Search &amp;Results</source>
        <translation>搜索结果(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Document</source>
        <translation>文档(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>时间轴(&amp;T)</translation>
    </message>
    <message>
        <source>Edit &amp;Entries</source>
        <translation>编辑条目(&amp;E)</translation>
    </message>
    <message>
        <source>Edit D&amp;ocuments</source>
        <translation>编辑文档(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Rebuild Search Index</source>
        <translation>重建搜索索引(&amp;R)</translation>
    </message>
    <message>
        <source>requested</source>
        <translation>应要求</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Query Language</source>
        <translation>查询语法(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About ArchiveViewer</source>
        <translation>关于 ArchiveViewer(&amp;A)</translation>
    </message>
    <message>
        <source>Add Note to This &amp;Paragraph…</source>
        <translation>为此段落添加批注(&amp;P)…</translation>
    </message>
    <message>
        <source>Add Note to This &amp;Article…</source>
        <translation>为此文章添加批注(&amp;A)…</translation>
    </message>
    <message>
        <source>Wait for the import to finish first.</source>
        <translation type="vanished">请先等待导入完成。</translation>
    </message>
    <message>
        <source>No archive open</source>
        <translation type="vanished">未打开档案</translation>
    </message>
    <message>
        <source>Archive: %1</source>
        <translation type="vanished">档案：%1</translation>
    </message>
    <message>
        <source>%1 documents · %2 timeline entries</source>
        <translation type="vanished">%1 篇文档 · %2 个时间轴条目</translation>
    </message>
    <message>
        <source>Search index up to date</source>
        <translation>搜索索引已是最新</translation>
    </message>
    <message>
        <source>Checking the search index…</source>
        <translation>正在检查搜索索引…</translation>
    </message>
    <message>
        <source>Rebuilding the search index…</source>
        <translation>正在重建搜索索引…</translation>
    </message>
    <message>
        <source>Search index incomplete (Tools ▸ Rebuild Search Index)</source>
        <translation>搜索索引不完整（工具 ▸ 重建搜索索引）</translation>
    </message>
    <message>
        <source>New Archive: Choose an Empty Folder</source>
        <translation type="vanished">新建档案：选择一个空文件夹</translation>
    </message>
    <message>
        <source>Open Archive Folder</source>
        <translation type="vanished">打开档案文件夹</translation>
    </message>
    <message>
        <source>There is no archive in %1. Create a new archive there?</source>
        <translation type="vanished">%1 中没有档案。要在那里新建档案吗？</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation type="vanished">正在打开 %1…</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation type="vanished">清除列表(&amp;C)</translation>
    </message>
    <message>
        <source>No recent archives</source>
        <translation type="vanished">没有最近打开的档案</translation>
    </message>
    <message>
        <source>Import Files</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <source>Text files (*.txt *.text *.md);;All files (*)</source>
        <translation>文本文件 (*.txt *.text *.md);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import Folder</source>
        <translation>导入文件夹</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was imported.</source>
        <translation>导入已取消：未导入任何内容。</translation>
    </message>
    <message>
        <source>O&amp;riginal</source>
        <translation>原件(&amp;R)</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>Archive is read-only</source>
        <translation>档案库为只读</translation>
    </message>
    <message>
        <source>To edit, ask the archive&apos;s administrator for write rights, or copy the archive folder to a place you can write to.</source>
        <translation>如需编辑，请向档案库管理员申请写入权限，或将档案库文件夹复制到您可写入的位置。</translation>
    </message>
    <message>
        <source>&amp;Correct Paragraph…</source>
        <translation>更正此段落(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Correct Entry Text…</source>
        <translation>更正条目文字(&amp;C)…</translation>
    </message>
</context>
<context>
    <name>NoteEditorDialog</name>
    <message>
        <source>Note</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Note text</source>
        <translation>批注内容</translation>
    </message>
    <message>
        <source>Write the note here. Ctrl+Enter saves.</source>
        <translation>在此填写批注，Ctrl+Enter 保存。</translation>
    </message>
    <message>
        <source>A note needs some text.</source>
        <translation>批注不能为空。</translation>
    </message>
</context>
<context>
    <name>PagedTableModel</name>
    <message>
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QueryErrors</name>
    <message>
        <source>unbalanced parenthesis: ')' at position {pos} closes nothing</source>
        <translation>括号不配对：第 {pos} 个字符处的“)”没有对应的“(”</translation>
    </message>
    <message>
        <source>unbalanced parenthesis: a '(' is never closed</source>
        <translation>括号不配对：有一个“(”没有闭合</translation>
    </message>
    <message>
        <source>unbalanced quote: the '"' at position {pos} is never closed</source>
        <translation>引号不配对：第 {pos} 个字符处的“"”没有闭合</translation>
    </message>
    <message>
        <source>'-' must be written directly before a term, like -word</source>
        <translation>“-”要紧挨着写在词语前面，例如 -词语</translation>
    </message>
    <message>
        <source>unknown field '{field}' (known: {known})</source>
        <translation>未知字段“{field}”（可用字段：{known}）</translation>
    </message>
    <message>
        <source>field '{field}' takes one value, not a group: write {field}:a OR {field}:b</source>
        <translation>字段“{field}”只能取一个值，不能跟括号组：请写成 {field}:a OR {field}:b</translation>
    </message>
    <message>
        <source>field '{field}' needs a value, like {example}</source>
        <translation>字段“{field}”需要一个值，例如 {example}</translation>
    </message>
    <message>
        <source>a quote inside a word at position {pos}: put phrases in quotes of their own, like "…"</source>
        <translation>第 {pos} 个字符处的引号在词语中间：请把短语单独放在引号里，例如 "…"</translation>
    </message>
    <message>
        <source>unexpected {token} at position {pos}</source>
        <translation>第 {pos} 个字符处出现了意外的 {token}</translation>
    </message>
    <message>
        <source>'{word}' needs a term on both sides</source>
        <translation>“{word}”两边都需要有检索词</translation>
    </message>
    <message>
        <source>empty parentheses</source>
        <translation>括号里是空的</translation>
    </message>
    <message>
        <source>{what} needs a term after it</source>
        <translation>{what} 后面需要一个检索词</translation>
    </message>
    <message>
        <source>empty phrase ""</source>
        <translation>引号里的短语是空的</translation>
    </message>
    <message>
        <source>'{text}' has no searchable characters</source>
        <translation>“{text}”中没有可检索的字符</translation>
    </message>
    <message>
        <source>unknown kind '{kind}' (known: {known})</source>
        <translation>未知类型“{kind}”（可用类型：{known}）</translation>
    </message>
    <message>
        <source>a date range needs at least one end, like date:2020-01-24..2020-02-01</source>
        <translation>日期范围至少需要一端，例如 date:2020-01-24..2020-02-01</translation>
    </message>
    <message>
        <source>date range starts after it ends: {range}</source>
        <translation>日期范围的起点晚于终点：{range}</translation>
    </message>
    <message>
        <source>bad date '{date}' (use YYYY, YYYY-MM or YYYY-MM-DD)</source>
        <translation>日期“{date}”无效（请用 YYYY、YYYY-MM 或 YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>empty query</source>
        <translation>查询为空</translation>
    </message>
    <message>
        <source>the query is nested too deeply (more than {limit} levels of parentheses or NOT)</source>
        <translation>查询嵌套过深（括号或 NOT 超过 {limit} 层）</translation>
    </message>
</context>
<context>
    <name>QueryHelpDialog</name>
    <message>
        <source>Query Language</source>
        <translation>查询语法</translation>
    </message>
    <message>
        <source>Query language reference</source>
        <translation>查询语法参考</translation>
    </message>
    <message>
        <source>items containing 慰问金 exactly (also inside longer words such as 慰问金额)</source>
        <translation>精确包含“慰问金”的条目（也包括“慰问金额”等更长的词）</translation>
    </message>
    <message>
        <source>items containing both words (a space means AND)</source>
        <translation>同时包含两个词的条目（空格表示“并且”）</translation>
    </message>
    <message>
        <source>the exact phrase</source>
        <translation>完整短语</translation>
    </message>
    <message>
        <source>items containing either word</source>
        <translation>包含任一词的条目</translation>
    </message>
    <message>
        <source>items without the word</source>
        <translation>不包含该词的条目</translation>
    </message>
    <message>
        <source>the word in the title only</source>
        <translation>只在标题中查找</translation>
    </message>
    <message>
        <source>one kind of item: article, entry, document or annotation</source>
        <translation>某一类条目：article（文章）、entry（时间轴条目）、document（文档）或 annotation（批注）</translation>
    </message>
    <message>
        <source>items carrying a tag</source>
        <translation>带有某个标签的条目</translation>
    </message>
    <message>
        <source>by byline, editor or note author</source>
        <translation>按署名、编辑或批注作者</translation>
    </message>
    <message>
        <source>dated on one day</source>
        <translation>某一天的</translation>
    </message>
    <message>
        <source>dated in one month</source>
        <translation>某个月的</translation>
    </message>
    <message>
        <source>dated within a range (both ends included)</source>
        <translation>某个日期范围内的（含首尾两天）</translation>
    </message>
    <message>
        <source>Matching is exact for Chinese text of any length; full-width and half-width forms, upper and lower case, and traditional and simplified characters match each other.</source>
        <translation>中文按任意长度精确匹配；全角与半角、大写与小写、繁体与简体互相匹配。</translation>
    </message>
    <message>
        <source>Latin words match as whole words.</source>
        <translation>拉丁字母的词按整词匹配。</translation>
    </message>
    <message>
        <source>Results are sorted by relevance; choose Date in the Sort box for chronological order.</source>
        <translation>结果按相关度排序；在“排序”框中选择“日期”可按时间顺序排列。</translation>
    </message>
    <message>
        <source>Up and Down move between the search field and the results; Enter opens a result; F3 and Shift+F3 step through the matches in the document.</source>
        <translation>上下方向键在搜索框和结果之间移动；回车打开结果；F3 和 Shift+F3 在文档中的匹配之间跳转。</translation>
    </message>
    <message>
        <source>Searching the archive</source>
        <translation>搜索档案</translation>
    </message>
    <message>
        <source>You type</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>It finds</source>
        <translation>查找结果</translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message>
        <source>Editor</source>
        <translation>责编</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>版式</translation>
    </message>
    <message>
        <source>Proofreader</source>
        <translation>校对</translation>
    </message>
    <message>
        <source>No document open</source>
        <translation>未打开文档</translation>
    </message>
    <message>
        <source>Match position</source>
        <translation>匹配位置</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>上一个匹配（Shift+F3）</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>上一个匹配</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>下一个匹配（F3）</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>下一个匹配</translation>
    </message>
    <message>
        <source>Document text</source>
        <translation>文档正文</translation>
    </message>
    <message>
        <source>Choose a search result or a timeline entry to read it here.</source>
        <translation>选择一个搜索结果或时间轴条目，即可在此阅读。</translation>
    </message>
    <message>
        <source>Document outline</source>
        <translation>文档大纲</translation>
    </message>
    <message>
        <source>Timeline entries</source>
        <translation>时间轴条目</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation>共 %1 个匹配</translation>
    </message>
    <message>
        <source>Match %1 of %2</source>
        <translation>第 %1 个，共 %2 个匹配</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>Corrected by hand. As imported:
%1</source>
        <translation>已人工更正。导入时的原文：
%1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
</context>
<context>
    <name>RelatedDocumentsModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>文件类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source> (text not searchable)</source>
        <translation>（文字不可搜索）</translation>
    </message>
</context>
<context>
    <name>RelatedPanel</name>
    <message>
        <source>Related documents</source>
        <translation>相关文档</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Attach…</source>
        <translation>附加(&amp;A)…</translation>
    </message>
    <message>
        <source>De&amp;tach</source>
        <translation>移除(&amp;T)</translation>
    </message>
    <message>
        <source>Open the selected related document</source>
        <translation>打开选中的相关文档</translation>
    </message>
    <message>
        <source>Attach a file to the current article or entry</source>
        <translation>为当前文章或条目附加一个文件</translation>
    </message>
    <message>
        <source>Remove the link to the selected related document</source>
        <translation>移除与选中相关文档的关联</translation>
    </message>
    <message>
        <source>&amp;Save As…</source>
        <translation>另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>Save a copy of the selected related document</source>
        <translation>保存所选相关文档的副本</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Number of results</source>
        <translation>结果数量</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Refine</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Result counts by kind, month and tag</source>
        <translation>按类型、月份和标签的结果数</translation>
    </message>
    <message>
        <source>Result counts by kind and month</source>
        <translation type="vanished">按类型和月份统计的结果数</translation>
    </message>
</context>
<context>
    <name>ScanView</name>
    <message>
        <source>Page</source>
        <translation>页码</translation>
    </message>
    <message>
        <source>Page </source>
        <translation>页 </translation>
    </message>
    <message>
        <source>Scanned page</source>
        <translation>扫描页</translation>
    </message>
    <message>
        <source>Recognised text</source>
        <translation>识别出的文字</translation>
    </message>
    <message>
        <source>&amp;Open Original</source>
        <translation>打开原件(&amp;O)</translation>
    </message>
    <message>
        <source>Open the original file in the program your desktop uses for it</source>
        <translation>用桌面为该类文件设置的程序打开原件</translation>
    </message>
    <message>
        <source>Save Original &amp;As…</source>
        <translation>原件另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save a copy of the original file</source>
        <translation>保存原件的副本</translation>
    </message>
    <message>
        <source>Select an article or a related document.</source>
        <translation>请选择一篇文章或一份相关文档。</translation>
    </message>
    <message>
        <source>(the page cannot be shown)</source>
        <translation>（无法显示此页）</translation>
    </message>
    <message>
        <source>Text not searchable: Tesseract OCR with the Chinese models is not installed.</source>
        <translation>文字不可搜索：未安装带中文模型的 Tesseract OCR。</translation>
    </message>
    <message>
        <source>Install %1, then import the file again.</source>
        <translation>请安装 %1，然后重新导入该文件。</translation>
    </message>
    <message>
        <source>Text recognised by OCR (confidence %1%).</source>
        <translation>文字由 OCR 识别（置信度 %1%）。</translation>
    </message>
    <message>
        <source>This page has a text layer; other pages were recognised by OCR.</source>
        <translation>此页自带文字层；其他页由 OCR 识别。</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>Search the archive, e.g. 慰问 or title:时间轴 date:2020-01  (Ctrl+K)</source>
        <translation>搜索档案，例如：慰问 或 title:时间轴 date:2020-01（Ctrl+K）</translation>
    </message>
    <message>
        <source>Search query</source>
        <translation>搜索语句</translation>
    </message>
    <message>
        <source>Results update as you type. Press Down to move into the results.</source>
        <translation>输入时结果即时更新。按下方向键进入结果列表。</translation>
    </message>
    <message>
        <source>S&amp;ort:</source>
        <translation>排序(&amp;O)：</translation>
    </message>
    <message>
        <source>Relevance</source>
        <translation>相关度</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Sort results by</source>
        <translation>结果排序方式</translation>
    </message>
    <message>
        <source>Sa&amp;ved</source>
        <translation>已保存(&amp;V)</translation>
    </message>
    <message>
        <source>Saved searches: save the current query or run a saved one</source>
        <translation>已保存的搜索：保存当前搜索或运行已保存的搜索</translation>
    </message>
    <message>
        <source>Saved searches</source>
        <translation>已保存的搜索</translation>
    </message>
    <message>
        <source>Query language help (F1)</source>
        <translation>查询语法帮助（F1）</translation>
    </message>
    <message>
        <source>Query language help</source>
        <translation>查询语法帮助</translation>
    </message>
    <message>
        <source>Query error</source>
        <translation>查询错误</translation>
    </message>
    <message>
        <source>&amp;Save Current Search…</source>
        <translation>保存当前搜索(&amp;S)…</translation>
    </message>
    <message>
        <source>No saved searches yet</source>
        <translation>还没有保存的搜索</translation>
    </message>
    <message>
        <source>&amp;Delete Saved Search</source>
        <translation>删除已保存的搜索(&amp;D)</translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <source>Waiting for the search index…</source>
        <translation>正在等待搜索索引…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>Searching… (an import is running)</source>
        <translation>正在搜索…（导入进行中）</translation>
    </message>
    <message>
        <source>This query cannot be read: %1</source>
        <translation>无法解析此查询：%1</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <source>No results</source>
        <translation>没有结果</translation>
    </message>
    <message>
        <source>Type to search the archive</source>
        <translation>输入文字即可搜索档案</translation>
    </message>
    <message>
        <source>All documents, by date: %1</source>
        <translation>全部文档（按日期）：%1</translation>
    </message>
    <message>
        <source>1 result</source>
        <translation>1 个结果</translation>
    </message>
    <message>
        <source>%1 results</source>
        <translation>%1 个结果</translation>
    </message>
    <message>
        <source>(filtered: click the facet again to show all)</source>
        <translation>（已筛选：再次点击筛选项显示全部）</translation>
    </message>
    <message>
        <source>(importing: this list is searched again when the import is done)</source>
        <translation>（正在导入：导入完成后将重新搜索此列表）</translation>
    </message>
    <message>
        <source>Save Search</source>
        <translation>保存搜索</translation>
    </message>
    <message>
        <source>Type a query first.</source>
        <translation>请先输入搜索语句。</translation>
    </message>
    <message>
        <source>Name for this search:</source>
        <translation>此搜索的名称：</translation>
    </message>
    <message>
        <source>Saved Searches</source>
        <translation>已保存的搜索</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>&amp;Clear Query History</source>
        <translation>清除搜索历史(&amp;C)</translation>
    </message>
    <message>
        <source>Your name in the edit history</source>
        <translation>您在修改历史中的署名</translation>
    </message>
    <message>
        <source>Corrections, tags and notes are recorded under this name</source>
        <translation>更正、标签和批注以此署名记录</translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation>界面语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Your &amp;name (edit history):</source>
        <translation>署名（修改历史）(&amp;N)：</translation>
    </message>
    <message>
        <source>The query history will be cleared.</source>
        <translation>搜索历史将被清除。</translation>
    </message>
</context>
<context>
    <name>TagChipsDelegate</name>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>TagChipsEdit</name>
    <message>
        <source>add tag…</source>
        <translation>添加标签…</translation>
    </message>
    <message>
        <source>New tag</source>
        <translation>新标签</translation>
    </message>
    <message>
        <source>a tag has at most %1 characters</source>
        <translation>标签最多 %1 个字符</translation>
    </message>
    <message>
        <source>'%1' cannot be a tag (no , ; or :)</source>
        <translation>“%1”不能作为标签（不可含 , ; 或 :）</translation>
    </message>
    <message>
        <source>Remove the tag %1</source>
        <translation>移除标签 %1</translation>
    </message>
</context>
<context>
    <name>TargetPanel</name>
    <message>
        <source>Select an article or a timeline entry.</source>
        <translation>请选择一篇文章或一个时间轴条目。</translation>
    </message>
</context>
<context>
    <name>TaskProgressDialog</name>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>TextDelegate</name>
    <message>
        <source>Not saved: the text cannot be empty</source>
        <translation>未保存：内容不能为空</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <source>No timeline entries in this archive</source>
        <translation>此档案中没有时间轴条目</translation>
    </message>
    <message>
        <source>M/d</source>
        <translation>M月d日</translation>
    </message>
    <message>
        <source>Amounts: %1</source>
        <translation>金额：%1</translation>
    </message>
    <message>
        <source>Amounts: %1 (%2 yuan)</source>
        <translation type="vanished">金额：%1（%2 元）</translation>
    </message>
</context>
<context>
    <name>TimelineTableModel</name>
    <message>
        <source>Date</source>
        <translation type="vanished">日期</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation type="vanished">条目</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation type="vanished">金额（元）</translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="vanished">所属文档</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
    <message>
        <source>Timeline chart</source>
        <translation>时间轴图</translation>
    </message>
    <message>
        <source>One mark per timeline entry; Left and Right move between entries.</source>
        <translation>每个时间轴条目一个标记；左右方向键在条目之间移动。</translation>
    </message>
    <message>
        <source>Timeline entries</source>
        <translation>时间轴条目</translation>
    </message>
    <message>
        <source>Timeline: %1 entries</source>
        <translation>时间轴：%1 个条目</translation>
    </message>
</context>
<context>
    <name>CorrectTextDialog</name>
    <message>
        <source>Corrected text</source>
        <translation>更正后的文字</translation>
    </message>
    <message>
        <source>The text as it should read. Ctrl+Enter saves.</source>
        <translation>在此输入正确的文字。Ctrl+Enter 保存。</translation>
    </message>
    <message>
        <source>Text as imported</source>
        <translation>导入时的原文</translation>
    </message>
    <message>
        <source>As imported (kept unchanged in the archive):</source>
        <translation>导入时的原文（在档案库中原样保留）：</translation>
    </message>
    <message>
        <source>The text cannot be empty.</source>
        <translation>文字不能为空。</translation>
    </message>
</context>
</TS>
