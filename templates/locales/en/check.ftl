# The problems of a survey's schema, as `forms check` prints them and the upload page shows
# them; ids, keys and types are the schema's own words and stay as written.
check-syntax = { $detail }
check-text-missing = { $what ->
    [question] question { $id }: { $field }
    [choice] list { $list }, choice "{ $id }"
    [section] section { $id }: title
    [indicator] indicator { $id }: label
    [intro] intro
   *[title] title
}: the { $language ->
    [ru] Russian
   *[en] English
} text is missing
check-form-id = form id "{ $id }": lower-case letters, digits and hyphens, at most 64, starting with a letter
check-form-id-file = form id "{ $id }" differs from the file name
check-form-id-taken = form id "{ $id }" is used by another file
check-unknown-role = unknown contact role "{ $role }" (known: { $known })
check-list-duplicate = list { $list }: duplicate value "{ $value }"
check-unknown-list = unknown list "{ $list }": neither in [lists] nor a reference list ({ $known })
check-section-duplicate = duplicate section id "{ $id }"
check-section-empty = section "{ $id }" has no questions
check-question-id = question id "{ $id }": use letters, digits and _
check-question-duplicate = duplicate question id "{ $id }"
check-question-was = question { $question }: was "{ $was }": use letters, digits and _
check-needs-list = question { $question }: a { $kind } question needs a list
check-list-not-choice = question { $question }: only choice questions take a list or other
check-detail-not-multi = question { $question }: detail is for multiple choice
check-large-change = question { $question }: large_change is for a number, and is a factor above 1 (2 points out an answer doubled or halved)
check-min-max = question { $question }: min { $min } is above max { $max }
check-condition-order = question { $question }: condition on "{ $target }", which is not an earlier question here
check-after-order = question { $question }: after "{ $target }", which is not an earlier question here
check-nested-group = question { $question }: a group inside a group is not supported
check-nested-grid = question { $question }: a grid inside a group is not supported
check-group-empty = { $question } has no questions
check-grid-list = grid { $question } needs a list for its rows
check-grid-cell = grid { $question }: a cell cannot be a { $kind } question
check-not-container = question { $question }: only a group or a grid has questions
check-indicator-duplicate = duplicate indicator id "{ $id }"
check-indicator-parts = indicator { $id }: parts must name two or more indicators declared before it
check-indicator-breakdown = indicator { $id }: distinct_count has no breakdown
check-indicator-needs-question = indicator { $id }: needs a question
check-indicator-no-question = indicator { $id }: no question "{ $question }"
check-indicator-kind = indicator { $id }: { $kind } cannot aggregate question "{ $question }"
check-indicator-companion = indicator { $id }: { $key } "{ $question }" is not a number question beside the question
check-indicator-group-by = indicator { $id }: group_by "{ $question }" is not a choice question beside the texts
check-indicator-across = indicator { $id }: across "{ $question }" is not a choice question of the same group as its question
check-indicator-columns = indicator { $id }: columns names "{ $key }", which is not a column it has (units, rows, sum, total, count, mean, invited, answered)
check-match-rows = match { $id }: rows "{ $group }" is not a repeating group
check-match-form = match { $id }: no form "{ $form }"
check-match-with-rows = match { $id }: "{ $group }" is not a repeating group of { $form }
check-match-question = match { $id }: no question "{ $question }" in { $group }

## XLSForm workbooks
xls-too-large = The workbook is too large: at most { $max } KiB.
xls-not-workbook = This is not an XLSX workbook (or it is damaged).
xls-unpacked = The workbook unpacks to more than a survey's workbook can (it may be a ZIP bomb); it was not opened.
xls-cells = The sheet { $sheet } spans more than { $max } cells.
xls-no-sheet = The workbook has no sheet “{ $sheet }”.
xls-no-form-id = The settings sheet gives no form_id.
xls-unit = “{ $unit }” is not who answers: institute, country or contact.
xls-column-unsupported = The column “{ $column }” is not supported: its meaning would be lost.
xls-nested-group = A group inside a group is not supported: a section holds questions and repeats.
xls-unmatched-end = { $type } without its begin.
xls-unclosed = A group or repeat is not closed.
xls-type-unsupported = The type “{ $type }” is not supported.
xls-json = This cell is not valid: { $detail }
xls-expr-syntax = The expression cannot be read near “{ $at }”.
xls-expr-not = “not” is not supported in an expression.
xls-expr-function = The function “{ $name }” is not supported.
xls-expr-relevant = Only one earlier question's answers are supported here: ${"{"}q{"}"} = 'v' or selected(${"{"}q{"}"}, 'v'), joined by “or”.
xls-expr-constraint = Only bounds of the answer are supported here: . >= n, . <= n, string-length(.) <= n or . >= ${"{"}q{"}"}, joined by “and”.
