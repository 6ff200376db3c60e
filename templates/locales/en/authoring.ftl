# Survey authoring: versions, the difference between two, and what it does.
diff-kind = { $kind ->
    [single_choice] one choice
    [multi_choice] several choices
    [text] short text
    [long_text] long text
    [integer] whole number
    [decimal] number
    [year] year
    [yes_no] yes or no
    [date] date
    [group] repeating group
   *[grid] grid
}
diff-form-text = { $what ->
    [title] The survey's title is reworded
   *[intro] The survey's introduction is reworded
}
diff-setting = { $setting ->
    [unit] Who answers (one response per institute, country or contact) changed
    [audience] Who is invited changed
    [circulate] Whether the answers may be circulated to every contact changed
    [reviewer_min_count] The fewest answers a figure shown to reviewers may rest on changed
   *[matches] The matching with another survey's rows changed
}
diff-section-added = New section { $section }
diff-section-removed = Section { $section } removed
diff-section-text = Section { $section }: its title or introduction is reworded
diff-question-added = New question { $question }
diff-question-removed = Question { $question } removed
diff-question-renamed = Question { $question } continues { $from } under a new id
diff-question-moved = Question { $question } moved
diff-question-retyped = Question { $question }: the answer is now { $to } (was { $from })
diff-question-text = Question { $question }: { $part ->
    [label] the wording
    [hint] the hint
    [unit] the unit
    [detail] the label of the text beside each choice
   *[message] the message for "{ $rule }"
} reworded
diff-question-required = Question { $question } { $now ->
    [yes] is now required
   *[no] is no longer required
}
diff-question-rule = Question { $question }: { $rule ->
    [list] the list of choices
    [other] the "other, please specify" choice
    [min] the lowest value
    [max] the highest value
    [max_length] the longest text
    [show_if] when it is shown
    [after] the earlier answer it may not precede
    [rows] the number of rows
   *[exclude_own] whether one's own institute is offered
} changed
diff-choice-added = Choice { $choice } added to the list { $list }
diff-choice-removed = Choice { $choice } removed from the list { $list }
diff-choice-text = Choice { $choice } of the list { $list } reworded
diff-choice-recoded = Choice { $choice } of the list { $list } re-coded (was { $from })
diff-indicator-added = New indicator { $indicator }
diff-indicator-removed = Indicator { $indicator } removed
diff-indicator-text = Indicator { $indicator } reworded
diff-indicator-changed = Indicator { $indicator }: what it counts changed
effect-series-breaks = { $indicator }: no comparison with earlier years
effect-series-ends = { $indicator }: not computed from this version on (earlier years keep their figures)
effect-series-starts = { $indicator }: its series starts with this version
effect-row-breaks = { $indicator }: the row { $choice } is not compared with earlier years
effect-no-prefill = { $question }: last year's answers are not filled in
effect-choice-not-prefilled = { $question }: last year's answers "{ $choice }" are not filled in
effect-column-added = Exports: a new column { $question }
effect-column-removed = Exports: no column { $question } from this version on
effect-column-renamed = Exports: the column { $from } is now { $to }
effect-column-values = Exports: the values of { $question } read differently
effect-unit-changed = Answers are collected per another unit: nothing of earlier years is filled in or compared
refused-unknown-version = Survey "{ $form }" has no version { $version }.
refused-newer-version = Version { $version } of this survey was published in the meantime. Upload the file again to compare it with that version.
refused-no-difference = The file is the same as version { $version }: there is nothing to publish.
refused-schema-problems = The file has problems (listed below); nothing was published.
new-version = Version of the survey
new-version-opened = It opens version { $version } of the survey.
new-preview = Preview version { $version } as respondents see it
forms-title = Surveys
preview-banner = Preview of version { $version }.
preview-nothing-stored = This is the form exactly as a respondent sees it; try it as one would: nothing you type here is stored, and no one is told.
preview-other-language = Preview in Russian
preview-valid = This would be accepted: every answer is valid. Nothing was stored.
preview-draft = A respondent's draft would keep this. Nothing was stored.
nav-forms = Surveys
forms-intro = Every survey with its versions. A campaign opens one version and keeps it; a new version is for the campaigns opened after it. Preview any version as a respondent sees it, or upload a changed file as the next version.
forms-col-survey = Survey
forms-col-latest = Latest version
forms-col-campaigns = Campaigns
forms-col-indicators = Indicators
upload-title = A new version from a file
upload-hint = A survey's TOML file as downloaded from its page or written as the service's own surveys are (at most 512 KiB), or its XLSForm workbook (an Excel file, at most 1024 KiB). Nothing is published before you have read the difference and confirmed.
upload-file = Schema file (TOML)
upload-check = Check the file
upload-too-large = The file is too large: a survey's TOML file is at most { $max } KiB, its XLSForm workbook 1024 KiB.
upload-empty = No file was chosen, or it is empty.
upload-not-utf8 = The file is not UTF-8 text. Save it as UTF-8 and upload it again.
upload-result-title = Checking the file
upload-problems = { $name }: problems found: { $count }. Nothing can be published until they are fixed.
upload-changes = Version { $version } against version { $base }: what changes, and what it does
upload-text-only = Only texts change: answers, indicators and exports read the same.
upload-new-survey = A new survey, «{ $id }», version 1
upload-confirm-text = Campaigns already opened keep their version. Campaigns opened from now on use version { $version }, on every instance at once.
upload-publish = Publish version { $version }
upload-cancel = Cancel
flash-version-published = Version { $version } is published.
form-preview-latest = Preview version { $version } as a respondent
form-download-toml = Download the latest version (TOML) to edit it
form-versions = Versions
form-col-version = Version
form-col-published = Published
form-col-campaigns = Campaigns that opened it
form-col-changes = What changed
form-col-actions = Actions
form-no-campaign = none yet
form-show-changes = Changes: { $count }
form-first-version = first version
form-preview = Preview
form-unversioned = Campaigns opened before versions were kept, with a schema of their own:
form-indicators = Indicators of the latest version
form-col-indicator = Indicator
form-col-codes = Roadmap codes
form-same-title = Texts that read the same in both languages
form-same-intro = Texts that read the same in English and Russian: { $count }. A name or a code may; a forgotten translation should not.
audit-campaign-correct = texts of a later version applied to a campaign
refused-not-text-only = Version { $version } changes more than texts: it can only be used by campaigns opened from now on.
correct-title = The texts of version { $version } for the { $year } campaign
correct-intro = Only texts change: respondents see the new ones at once, answers given so far are kept as they are, and the indicators and exports read the same. The audit trail keeps both texts.
correct-texts = Texts that change
correct-col-place = Where
correct-col-before = Now
correct-col-after = After the correction
correct-apply = Apply the texts of version { $version }
flash-corrected = The texts of version { $version } are applied: respondents see them now.
form-open-campaigns = Open campaigns
form-correct-link = Apply the texts of version { $version } to the { $year } campaign (it has version { $from })
edit-title = A new version from a copy of version { $version }
edit-hint = Change any text in either language, which questions must be answered, or add a choice to a list. Nothing is published before you have read the difference and confirmed.
edit-texts = Texts of the survey
edit-required = Questions that must be answered
edit-new-choice = A new choice in the list
edit-choice-value = Value (stored in the answers: lower-case letters, digits, - and _)
form-edit = Edit a copy of version { $version } in the browser

## Reference lists
list-title-oiml-publications = OIML publications
list-title-technical-committees = { -org } technical committees
list-title-coomet-bodies = { -org } bodies
list-title-cipm-consultative-committees = CIPM Consultative Committees
lists-title = Reference lists
lists-intro = Lists that surveys take their choices from. A survey's version keeps the entries it was published with; a new version of a list reaches a survey through the survey's next version.
lists-col-list = List
lists-col-entries = Entries offered
lists-col-retired = Retired
list-intro = Reword an entry in either language, retire an entry that should no longer be offered, or add new entries. An entry's code is what answers store: it never changes, and an entry is never deleted, because answers of earlier years refer to it.
list-caption = Entries of version { $version }
list-col-value = Code
list-col-retired = Retired
list-retired = retired
list-new-entry = New entry
list-save-hint = Saving makes the next version of the list. Surveys keep the version they were published with until their own next version.
list-save = Save as a new version
list-surveys = Surveys that use this list
list-survey-uses = its version { $version } uses version { $list } of this list.
list-survey-outdated = A new version of the survey would use version { $list }.
list-refresh = Check version { $version } of the survey with list version { $list }
list-no-survey = No survey uses this list.
list-first-version = the first version
list-problems = The list was not saved: correct the rows marked below. Everything you typed is kept.
list-problem-empty = Both the English and the Russian text are needed.
list-problem-long = A text is longer than 300 characters.
list-problem-control = A text contains control characters.
list-problem-value = A code is 1 to 40 letters, digits, spaces or the signs . - _ /
list-problem-taken = This code is already in the list.
list-change-added = added { $value }: { $en } / { $ru }
list-change-reworded = reworded { $value } in { $lang ->
        [ru] Russian
       *[en] English
    }: “{ $from }” → “{ $to }”
list-change-retired = retired { $value }
list-change-restored = offered again { $value }
flash-list-saved = Version { $version } of the list is saved. Surveys use it from their next version: check it below.
refused-newer-list = Version { $version } of this list was saved meanwhile by someone else. Your changes are applied to it below: check them and save again.
refused-list-unchanged = Nothing was changed: there is no new version to save.
form-lists = Reference lists
form-list-version = this version uses list version { $version } (the latest is { $latest }).
form-list-refresh = Check the next version with the latest lists
list-refresh-title = The next version with the latest reference lists
upload-proposals = Renamed questions?
upload-proposal = «{ $to_label }» ({ $to }) is new and «{ $from_label }» ({ $from }) is gone, with the same kind of answer and a like label. If it asks the same, declare that it continues it: last year's answers then prefill it, and indicators and exports keep it as one series over the years.
upload-proposal-take = { $to } continues { $from }
cli-proposal = { $to } may continue { $from }; if it asks the same, declare in the file
form-download-xlsx = Download it as an XLSForm workbook (Excel)
