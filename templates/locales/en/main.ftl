# The organisation that runs the surveys: its name in every page and mail, in either language,
# comes from these two lines (the same in both locales), so another organisation changes them.
-org-en = COOMET
-org-ru = КООМЕТ
-org = { -org-en }
app-name = { -org } surveys
nav-campaigns = Campaigns
nav-outbox = Outbox
nav-logout = Sign out
switch-language = Русский

error-404 = This page does not exist, or the link is not valid.
error-410 = This link has expired: its survey closed some time ago. The secretariat can send you the answers given.
error-403 = You may not do this.
error-413 = What was sent is too large.
error-400 = The request could not be understood.
error-429 = Too many attempts. Please wait a minute and try again.
error-500 = Something went wrong on our side. Please try again later; nothing you saved is lost.
error-503 = The service is busy just now. Please try again in a moment; nothing you saved is lost.
error-disk-full = The service cannot save anything just now: the server has run out of disk space. Nothing was saved. What you typed is still on the previous page: go back in your browser, keep the page open, and send it again in a few minutes.

respond-you-are = You are answering as { $name } ({ $email }).
respond-submitted-at = Submitted on { $when }.
respond-can-change = You can still change the answers until the survey closes.
respond-last-saved = Last saved { $when } by { $who }.
respond-deadline = Please answer by { $date }.
respond-errors-title = Some answers need your attention:
respond-save-draft = Save draft
respond-submit = Submit
respond-submit-changes = Submit changes
required = required

notice-closed = This survey is closed; answers can no longer be changed.
notice-submitted = { $unit ->
    [contact] Thank you: your response has been submitted.
    [country] Thank you: your country's response has been submitted.
   *[institute] Thank you: your institute's response has been submitted.
}
notice-draft-saved = Your draft has been saved.
notice-submit-to-change = This response has already been submitted. Use “Submit changes” to change it.
notice-fix-errors = The response was not submitted. Please correct the answers marked below; everything you typed is kept.
notice-fix-errors-kept = The response was not submitted. Please correct the answers marked below. Everything you typed is kept as a draft, so you can also come back to it later.
notice-draft-with-errors = The draft has been saved. Some answers are not valid yet and must be corrected before you submit.
notice-conflict = { $who } saved this response at { $when }, after you opened it. Nothing of yours was saved, and nothing of theirs is lost: your answers are kept below, and for each question where the two differ ({ $count }) you choose whose answer to keep before saving again.
notice-conflict-merged = { $who } saved this response at { $when }, after you opened it. Nothing was saved yet: the rows each of you added or changed are all in the form below, with your other answers. Check them and save again.
notice-conflict-choose = Please choose, for each question listed at the top, whether to keep your answer or take { $who }’s; nothing was saved yet.
conflict-title = Your answers and your colleague’s
conflict-yours = Your answer
conflict-theirs = Saved by { $who }
conflict-empty = (no answer)
conflict-keep-mine = Keep my answer
conflict-take-theirs = Take the answer saved by { $who }

choice-other = Other
choice-other-specify = Please specify
group-add-row = Add a row
grid-fill-label = Set every unanswered “{ $column }” to
grid-fill-apply = Apply to unanswered lines
group-remove-row = Remove this row

err-required = Please answer this question.
err-length = Please shorten this answer to { $max } characters at most.
err-markup = Please remove the markup (text in angle brackets such as <b>) or control characters.
err-integer = Please enter a whole number, e.g. 12.
err-number = Please enter a number, e.g. 2.5.
err-number-ambiguous = “{ $typed }” could mean { $thousands } or { $decimal }: please write { $thousands } for the whole number, or { $decimal } with a point for the fraction.
err-min = Please enter a number of at least { $min }.
err-max = Please enter a number of at most { $max }.
err-date = Please enter a date as YYYY-MM-DD.
err-choice = Please choose one of the options offered.
err-other-required = Please say what “Other” is.
err-min-rows = Please add at least { $min } row(s).
err-max-rows = At most { $max } rows are accepted.

login-title = Staff sign-in (secretariat and reviewers)
login-email = E-mail
login-password = Password
login-submit = Sign in
login-failed = The e-mail or the password is not correct.

dashboard-title = Campaigns
dashboard-no-campaigns = No campaign has been opened yet.
dashboard-forms = Surveys available
col-id = No.
col-survey = Survey
col-year = Year
col-status = Status
col-closes = Closes
col-invited = Units invited
col-drafts = Units with a draft
col-submitted = Units submitted
col-unit = Unit
col-country = Country
col-contacts = Contacts
col-updated = Last change
col-to = To
col-subject = Subject
col-created = Queued
col-sent = Sent

campaign-counts = { $invited } units invited, { $draft } with a draft, { $submitted } submitted.
campaign-invite = Queue invitations for new contacts
campaign-send-mail = Send queued mail now
campaign-units = Units
campaign-indicators = Indicators
status-submitted = submitted
status-draft = draft
status-invited = invited
indicator-target = target { $target }
indicator-met = met
indicator-not-met = not met
ind-col-invited = invited
ind-col-answered = answered
ind-col-rate = rate, %
ind-col-units = units
ind-col-rows = entries
ind-col-sum = total
ind-col-total = total

outbox-title = Outbox
outbox-file-mode = is not set: messages are written to files under the data directory; open one to read it as delivered.
outbox-smtp-mode = Messages are delivered over SMTP.
outbox-empty = No messages.
message-links = Personal links in this message:
message-as-read = As the recipient reads it
message-as-read-hint = The text part and the HTML part, as a mail program shows them; where the personal link goes, its place is named.
message-source = The message's source
message-delivered = As delivered
message-stored = As queued (the personal link is added when the message is delivered)
flash-invitations-queued = Invitations queued: { $count }.
flash-mail-sent = Sent: { $sent }; to retry later: { $retrying }; failed: { $failed }.

mail-invitation-subject = { -org } survey “{ $survey }” { $year }: { $institute }
mail-greeting = Dear { $name },
mail-invitation-body = { $unit ->
    [contact] { -org } invites you to answer the survey “{ $survey }” for { $year }. Please use your personal link below; it needs no account or password.
    [country] { -org } asks for one response from { $institute } to the survey “{ $survey }” for { $year }. Please use your personal link below; it needs no account or password.
   *[institute] { -org } invites { $institute } to answer the survey “{ $survey }” for { $year }. Please use your personal link below; it needs no account or password.
}
mail-open-form = Open the form
mail-deadline = Please answer by { $date }.
mail-invitation-shared = { $unit ->
    [contact] This response is yours alone: colleagues who are invited answer with their own links. You can save a draft and come back to it at any time.
    [country] Colleagues from your country who received the same invitation work on the same response. You can save a draft and come back to it at any time.
   *[institute] Colleagues from your institute who received the same invitation work on the same response. You can save a draft and come back to it at any time.
}
mail-signature = { -org } Secretariat

mail-reminder-subject = Reminder: { -org } survey “{ $survey }” { $year }: { $institute }
mail-reminder-body = { $unit ->
    [contact] This is a reminder that you have not yet submitted your answers to the survey “{ $survey }” for { $year }. Your personal link:
    [country] This is a reminder that the response of { $institute } to the survey “{ $survey }” for { $year } has not yet been submitted. Your personal link:
   *[institute] This is a reminder that { $institute } has not yet submitted its answers to the survey “{ $survey }” for { $year }. Your personal link:
}
mail-reminder-ignore = { $unit ->
    [contact] If you do not wish to answer, you can ignore this message.
    [country] If a colleague is already answering for your country, you need do nothing: the response is shared, and reminders stop once it is submitted.
   *[institute] If a colleague is already answering for your institute, you need do nothing: the response is shared, and reminders stop once it is submitted.
}
mail-confirmation-subject = Response received: { $institute }, { $year }
mail-confirmation-body = { $unit ->
    [contact] Your response to the survey “{ $survey }” for { $year } was submitted on { $when }. These are the answers:
   *[other] The response of { $institute } to the survey “{ $survey }” for { $year } was submitted by { $by } on { $when }. These are the answers:
}
mail-confirmation-change = The answers can be changed until the survey closes:
mail-returned-subject = Please review: { -org } survey “{ $survey }” { $year }: { $institute }
mail-returned-body = { $unit ->
    [contact] The { -org } Secretariat has returned your response to the survey “{ $survey }” for { $year } for correction, with this note:
   *[other] The { -org } Secretariat has returned the response of { $institute } to the survey “{ $survey }” for { $year } for correction, with this note:
}
mail-lost-link-subject = Your links to the { -org } surveys
mail-lost-link-body-one = You asked for your personal link. Here is the link to the survey open for you:
mail-lost-link-body-many = You asked for your personal links. Here are the links to the { $count } surveys open for you:
mail-lost-link-line = { $unit ->
    [contact] “{ $survey }” { $year }, your own response
    [country] “{ $survey }” { $year }, the response of { $institute }
   *[other] “{ $survey }” { $year }, the response of { $institute }
}
mail-lost-link-until = { $standing ->
    [submitted] (submitted; you may still change it until { $date })
    [draft] (a draft is saved; answers are accepted until { $date })
   *[other] (answers are accepted until { $date })
}
mail-lost-link-submitted = (submitted; you may still change it while the survey is open)
mail-reminder-draft = A draft of the answers is saved and waiting: open the link to complete it and submit it.
mail-reminder-note = A word from the { -org } Secretariat:
mail-lost-link-ignore = If you did not ask for them, you can ignore this message; each link opens only the response it names, and the links sent before no longer open anything.

flash-reminders-queued = Reminders queued: { $count }.
refused-reminder-note = The sentence added to the reminder may have at most { $count } characters, without control characters.
refused-no-unit = Choose at least one unit to remind.
refused-reminder-plan = The schedule takes days before the close from 0 to 365, separated by commas (for example 14, 7, 2), at most 20 reminders per contact and at most 60 days between two.
refused-entry-letter = Say what the answers were entered from (for example "the institute's letter of 3 March, ref. 12/45"), on one line of at most { $count } characters.
refused-attachment-large = The file is larger than { $size } MiB; attach a smaller one (a scan at a lower resolution, or a PDF).
refused-attachment-empty = No file was chosen, or it is empty.
refused-report-text-long = A text is longer than { $count } characters: shorten it, nothing was saved.
flash-report-texts-saved = The report's texts are saved.
flash-return-needs-note = Please write a note (up to 2000 characters) saying what to correct.
flash-return-not-submitted = Only a submitted response can be returned.
flash-returned = The response of { $unit } was returned; its contacts are being told by e-mail.
preview-name = Alex Example
preview-text = Plain text
preview-html = HTML
remind-title = Reminders
remind-who = A reminder goes to the contacts of each unit ticked here; these units have not submitted:
remind-now = Remind now
remind-chosen = Remind
remind-has-draft = a draft is saved
remind-note = A sentence of your own (optional)
remind-note-hint = Up to { $count } characters. It is quoted in the reminder under “A word from the Secretariat”, in every recipient's mail as you write it.
remind-draft-told = A unit with a saved draft is told in its reminder that the draft is waiting to be submitted.
schedule-title = Automatic reminders
schedule-days = Days before the closing day
schedule-days-hint = Separated by commas, for example 14, 7, 2. Leave empty for no automatic reminders.
schedule-max = At most this many reminders per contact
schedule-gap = At least this many days between two reminders to a contact
schedule-save = Save the schedule
flash-schedule-saved = The schedule of automatic reminders is saved.
campaign-schedule = Automatic reminders: { $days } days before the closing day, at most { $max } per contact, at least { $gap } days apart.
campaign-schedule-none = No automatic reminders.
campaign-schedule-next = Next on { $date }.
campaign-schedule-change = Change the schedule
language-name = { $code ->
    [ru] Russian
   *[en] English
}
remind-none = Every invited unit has submitted: nobody needs a reminder.
remind-send = Queue the reminders
action-cancel = Cancel
action-back = Back to the campaign
col-language = Language
campaign-remind = Remind those who have not answered…
campaign-preview = Preview of the e-mails
campaign-return = Return for correction
campaign-return-note = What should be corrected (sent to the institute's contacts)
kind-invitation = invitation
kind-reminder = reminder
status-returned = returned
respond-returned = The secretariat returned this response for correction:
lost-title = Lost your link?
lost-intro = Type the e-mail address at which you were invited. If it is in the { -org } directory, we send your personal links to the surveys that are open.
lost-submit = Send my links
lost-sent = If { $email } is in our directory, a message with your links is on its way. Please check your inbox (and spam folder) in a few minutes.
ind-col-count = answers
ind-col-mean = mean
err-after = This must not be before “{ $other }”.
respond-prefilled = { $unit ->
    [contact] Your answers of { $year } are filled in to start from. Check them, change what is new, and save: nothing is stored until you do.
    [country] Your country's answers of { $year } are filled in to start from. Check them, change what is new, and save: nothing is stored until you do.
   *[institute] Your institute's answers of { $year } are filled in to start from. Check them, change what is new, and save: nothing is stored until you do.
}
mail-digest-subject = { -org }: { $survey_en } { $year } / { -org-ru }: { $survey_ru } { $year }
mail-digest-body = The answers to the { -org } survey “{ $survey }” for { $year }, as the institutes submitted them:
campaign-digest = Digest: mail these answers to every contact…
flash-digest-queued = Digest queued for { $count } contacts.
flash-digest-empty = Nothing has been submitted yet: there is nothing to circulate.

# Words the engines write into tables and summaries.
word-other = Other
word-others = Others
word-total = Total
word-ceems = CEEMS
word-units-institute = institutes
word-units-country = countries
word-units-contact = respondents
word-not-given = { $what }: not given
notice-busy = The service is very busy and could not save just now. Nothing is lost: your answers are below. Please press the button again in a moment.
notice-disk-full = The service cannot save just now: the server has run out of disk space. Nothing was saved this time, and nothing you typed is lost: your answers are below. Please keep this page open and press the button again in a few minutes.
flash-mail-woken = Delivery started: { $count } messages waiting. Reload this page to follow them.
mail-deadline-changed-subject = New deadline: { -org } survey “{ $survey }” { $year }
mail-deadline-changed-body = { $standing ->
    [submitted] The deadline of the { -org } survey “{ $survey }” for { $year } is now { $date }. Your response has been submitted; you may still change it until { $date } with your personal link:
    [draft] The deadline of the { -org } survey “{ $survey }” for { $year } is now { $date }. A draft of your answers is saved and waiting to be submitted by then. Your personal link:
   *[other] The deadline of the { -org } survey “{ $survey }” for { $year } is now { $date }. Please answer by then. Your personal link:
}
login-wait = Too many failed sign-ins from here or for this account. Please wait { $minutes } min and try again.

password-too-short = The password needs at least 10 characters.
password-guessable = This password is too easy to guess: it is common, or built from words, names or dates. A few unrelated words make a good one.

refused-unknown-form = There is no survey "{ $form }".
refused-year = The year must lie between 2000 and 2100.
refused-exists = This survey already has a campaign for that year (campaign { $id }).
refused-past-date = The closing date { $date } is in the past: choose today or a later day.
refused-closed = The campaign is closed: reopen it first.
refused-open = The campaign is open.
refused-has-answers = The campaign has { $count } answers and cannot be deleted; close it instead.
refused-bad-date = Please give the date as a day of the calendar (YYYY-MM-DD).
new-title = Open a campaign
new-form = Survey
new-year = Year
new-closes = Last day for answers
new-closes-hint = Optional. Contacts see it in every e-mail; reminders go out before it.
new-show-audience = Show who will be invited
new-audience = { $count } contacts will be invited, { $unit ->
    [country] answering for { $units } countries
    [contact] each answering for themselves
   *[institute] answering for { $units } institutes
}
new-confirm-text = Open “{ $survey }” for { $year }? Invitations are queued only when you press “Queue invitations for new contacts” on the campaign's page.
new-confirm = Open the campaign
col-name = Name
col-email = E-mail
campaign-is-closed = This campaign is closed ({ $when }): it takes no answers, sends no reminders, and its links show the answers read-only.
life-title = Deadline, closing, deleting
life-extend = New last day for answers
life-extend-button = Move the deadline and tell every contact
life-close = Close the campaign now
life-close-hint = No more answers; queued reminders are withdrawn.
close-title = Close “{ $survey }” { $year }?
close-ends = Closing ends every respondent's work at once:
close-drafts = units with answers not submitted (a draft, or returned for correction): { $count }
close-silent = units that have not answered at all: { $count }
close-submitted = units whose answers are submitted: { $count }
close-after = Their links will show the answers read-only, queued reminders and invitations are withdrawn, and nothing more can be saved. The campaign can be opened again with a new closing day.
close-confirm = Close the campaign
life-reopen-closes = New last day (optional; contacts are told)
life-reopen = Reopen the campaign
life-delete = Delete the campaign
life-delete-hint = Only while nobody has answered.
flash-campaign-opened = The campaign is open. Check the e-mail previews, then queue the invitations.
flash-campaign-closed = The campaign is closed.
flash-campaign-reopened = The campaign is open again.
flash-campaign-extended = The deadline is moved; the contacts of units that may still answer or change their answers are being told once.
flash-campaign-deleted = The campaign is deleted.
filter-any = any
filter-kind = Kind
filter-campaign = Campaign
filter-action = Action
filter-actor = Who
filter-apply = Filter
outbox-count = { $count } messages match · page { $page } of { $pages }
pager-label = Pages
pager-previous = ← Newer
pager-next = Older →
nav-staff = Staff
nav-audit = Audit log
staff-title = Staff accounts
staff-role = Role
staff-actions = Actions
staff-you = you
staff-active = active
staff-inactive = deactivated
staff-change-role = Change role
staff-new-password = New password
staff-reset-password = Set password
staff-deactivate = Deactivate
staff-add = Add an account
staff-first-password = First password
staff-password-rule = At least 10 characters, not a common password nor one built from words, names or dates alone; a few unrelated words make a good one.
staff-exists = An account with this address exists already: change it in the list above.
staff-bad-email = Please give a valid e-mail address.
role-secretariat = Secretariat
role-reviewer = Reviewer
flash-staff-created = The account is created.
flash-staff-changed = The role is changed; the account's sessions have ended.
flash-staff-deactivated = The account is deactivated; its sessions have ended.
flash-staff-password = The password is set; the account's sessions have ended.
password-title = Change your password
password-current = Current password
password-new = New password
password-change = Change the password
password-current-wrong = The current password is not correct.
flash-own-password = Your password is changed; your other sessions have ended.
audit-title = Audit log
audit-target = On what
audit-when = When
audit-detail = Detail
audit-page = Page { $page } of { $pages }, newest first
audit-empty = Nothing recorded yet.
audit-sign-in = signed in
audit-sign-out = signed out
audit-user-add = account created
audit-user-change = account changed
audit-user-deactivate = account deactivated
audit-password-change = password changed
audit-password-reset = password reset by the secretariat
audit-form-publish = survey version published
audit-list-publish = reference list version saved
audit-campaign-open = campaign opened
audit-campaign-close = campaign closed
audit-campaign-reopen = campaign reopened
audit-campaign-extend = deadline moved
audit-campaign-delete = campaign deleted
audit-invite = invitations queued
audit-remind = reminders queued
audit-remind-schedule = reminder schedule changed
audit-digest = digest queued
audit-response-return = response returned
audit-mail-send = delivery started
audit-mail-read = delivered mail read
staff-created = Created
campaign-status-open = open
campaign-status-closed = closed
response-answers = Answers
response-other-language = The answers in the other language
response-none = No answers yet.
response-history = History
history-draft = draft saved
history-submitted = submitted
history-returned = returned for correction
history-accepted = accepted by the secretariat
history-entered-submitted = entered and submitted by the secretariat from
history-entered-draft = entered as a draft by the secretariat from
response-version = Version { $version }
response-question = Question
response-before = Before
response-after = After
response-no-changes = No answer changed.
digest-title = Digest of the answers
digest-recipients = To { $count } contacts, each in both languages:
digest-already = { $count } of them have this edition already and will not get it again.
digest-confirm = Queue the digest
digest-to = Recipients
refused-not-circulated = The answers of this survey are not for circulation.
campaign-units-shown = { $count } of { $total } units shown
mail-status-queued = queued
mail-status-sending = sending
mail-status-sent = sent
mail-status-failed = failed
mail-status-cancelled = withdrawn
kind-confirmation = confirmation
kind-returned = returned
kind-lost-link = link sent again
kind-digest = digest
kind-deadline-changed = deadline moved

## The directory
nav-directory = Directory
directory-title = Directory
directory-contacts = Contacts
directory-bounced = Bounced addresses
directory-institutes = Institutes
directory-add-institute = Add an institute
directory-countries = Countries and their CEEMS status
directory-ceems-hint = A campaign breaks its indicators down by each country's CEEMS status in the campaign's year. A status set for a year holds from that year on, until a later year says otherwise.
directory-ceems-default = no status set for this year itself: the one of an earlier year, or the country's default, holds
directory-set-status = Set the status
col-acronym = Acronym
col-kind = Kind
col-bounced = Bounced
col-membership = Membership
col-roles = Roles
ceems-yes = CEEMS
ceems-not = not CEEMS
form-has-errors = Please correct the fields marked below; nothing you typed has been lost.
save = Save
flash-saved = Saved.
field-institute = Institute
field-name = Name
field-email = E-mail
field-language = Language
field-roles = Roles
field-acronym = Acronym
field-country = Country
field-name_en = Name in English
field-name_ru = Name in Russian
field-kind = Kind
contact-role-training = training
contact-role-legal-metrology = legal metrology
contact-role-research = research
contact-role-general = general
contact-active = Active: receives invitations and reminders
contact-active-hint = Untick for someone who has left: the links already sent stop working, the history stays.
contact-bounced = address bounced
contact-bounced-notice = A mail server refused this address for good on { $date }. Correct the address to clear this mark.
contacts-none = No contacts.
contacts-add = Add a contact
contacts-search = Name or e-mail
contacts-inactive-only = Deactivated only
contacts-count = { $count } contacts
contacts-export = Download as CSV
institute-edit = Correct the institute
contact-missing = This field is required.
contact-too-long = At most { $max } characters.
contact-formula = Must not start with =, +, - or @ (spreadsheets would run it as a formula).
contact-forbidden = Must not contain < > or control characters.
contact-not-email = This is not an e-mail address.
contact-language = Language must be ru or en, not "{ $value }".
contact-role = Unknown role "{ $value }" (training, legal-metrology, research, general).
contact-institute = No institute with the acronym "{ $value }".
contact-taken = This institute already has a contact with this address.
contact-repeated = This institute and address appear earlier in the file.
institute-taken = Another institute has this acronym.
institute-country = No country with the code "{ $value }".
institute-kind = Kind must be NMI or DI, not "{ $value }".
import-title = Import contacts
import-hint = A CSV file (separated by commas, semicolons or tabs; UTF-8 or Windows-1251) or an Excel workbook (its first sheet) with a header line naming the columns
import-hint-active = The last of them is optional; one of these values in it deactivates a contact:
import-hint-match = A contact is matched on its institute and address: a known one is updated, a new one added. Nothing is imported before you confirm.
import-file = CSV file or Excel workbook
import-paste = or paste the CSV text
import-check = Check the file
import-preview = What the import would do
import-summary = { $good } rows can be imported; { $bad } rows have problems and will be skipped.
import-line = Line
import-outcome = Outcome
import-skipped = skipped
import-new = new contact
import-update = changes a contact
import-same = no change
import-confirm = Import { $count } rows
import-cancel = Cancel
import-again = Check another file
import-not-utf8 = The file is neither UTF-8 nor Windows-1251 text. Save it from the spreadsheet as "CSV UTF-8", or upload the workbook itself.
import-bad-workbook = The workbook cannot be read: it is damaged, unpacks to too much, or its first sheet has more than 40 columns. Save it again, or as "CSV UTF-8".
import-detected-csv = Read as CSV in { $encoding ->
    [utf-8-bom] UTF-8 (with a byte-order mark)
    [windows-1251] Windows-1251
   *[utf-8] UTF-8
}, columns separated by { $delimiter ->
    [semicolon] semicolons
    [tab] tabs
   *[comma] commas
}.
import-too-large = The file is larger than 2 MiB; a directory's contacts take far less. Split it, or leave out the columns the import does not read.
import-detected-xlsx = Read as an Excel workbook: its first sheet, “{ $sheet }”.
import-elsewhere = This address is also a contact of { $institutes }.
import-empty = The file is empty.
import-not-csv = The file cannot be read as CSV: { $why }
import-missing-column = The header line has no column "{ $column }".
import-too-many = At most { $max } rows in one file.
flash-imported = Imported: { $created } new, { $updated } changed, { $skipped } skipped.
audit-response-accept = response accepted
audit-response-enter = answers entered by the secretariat
audit-response-attach = file attached to a response
audit-report-write = report texts written
audit-country-status = CEEMS status set
audit-institute-add = institute added
audit-institute-change = institute changed
audit-contact-add = contact added
audit-contact-change = contact changed
audit-contact-import = contacts imported
audit-contact-export = contacts downloaded
audit-handover-confirm = colleague confirmed
audit-handover-decline = colleague declined
handovers-title = Colleagues proposed by respondents
respond-unit-country = One response for { $country }
respond-unit-contact = Your own response
respond-accepted = The { -org } Secretariat accepted these answers on { $when }. They can no longer be changed here; write to the Secretariat if something must be corrected.
notice-accepted = The Secretariat has accepted these answers; they can no longer be changed.
response-accept = Accept the response
response-accepted = Accepted by { $who } on { $when }
flash-accepted = The response was accepted; its link now shows the answers read-only.
flash-accept-nothing = There is no submitted response to accept.
pass-link = Not the right person? Pass this survey to a colleague
pass-title = Pass the survey to a colleague
pass-intro = Tell us who should answer. The { -org } Secretariat confirms the change and then sends your colleague a personal link to the same response; nothing is sent before that. Your own link keeps working unless the Secretariat learns you have left.
pass-intro-personal = Tell us who should answer. This survey is answered by each person for themselves: once the { -org } Secretariat confirms, your colleague gets a personal link to a questionnaire of their own, and your answers stay yours, seen by nobody else. Nothing is sent before that.
pass-name = Your colleague's name
pass-email = Your colleague's e-mail
pass-language = Language of their e-mails
pass-note = A note for the Secretariat (optional)
pass-submit = Propose this colleague
pass-done = Thank you. The Secretariat will confirm and send { $name } a link.
pass-back = Back to the form
pass-bad-note = The note can hold at most 1000 characters and no control characters.
pass-themselves = That is your own address: please give your colleague's.
pass-too-many = Three colleagues already wait for the Secretariat's answer; please wait for it.
handovers-intro = Respondents who are not the right person propose a colleague; confirmed, the colleague joins the directory with the proposer's roles and gets a link to the same response (on a survey each person answers for themselves, to a response of their own). Waiting: { $count }.
handovers-colleague = Colleague
handovers-proposed-by = Proposed by
handovers-none = No colleague has been proposed.
handover-pending = waiting
handover-confirmed = confirmed
handover-declined = declined
handover-retire = { $name } has left: deactivate
handover-confirm = Confirm and invite
handover-decline = Decline
flash-handover-confirmed = { $name } is in the directory and invited.
flash-handover-declined = The proposal was declined.
flash-handover-decided = This proposal was already decided.
dashboard-handovers = Colleagues proposed by respondents wait for your decision: { $count }
remind-done-today = { $count } contacts were reminded today already; a second reminder the same day is not sent.
remind-earlier = Reminded before
remind-times = { $count } times, last on { $date }
status-accepted = accepted
word-text = text
export-col-unit = Unit
export-col-institute = Institute
export-col-country = Country
export-col-ceems = CEEMS
export-col-status = Status
export-col-submitted_at = Submitted
export-col-updated_at = Last change
export-col-row = Row
export-indicators = Indicators
export-sheet-responses = Responses
export-title = Download the responses
export-csv-names = CSV with the questions' names as columns
audit-export = responses exported
audit-review-export = responses downloaded by a reviewer
out-campaign = campaign
out-survey = survey
out-year = year
out-indicator = indicator
out-codes = codes
out-row = row
out-column = column
out-value = value
out-headline = headline figure
out-met = met
out-not-met = not met
contact-state-active = active
contact-state-inactive = deactivated
filter-any-country = any
col-institute-name = Name

# The read API's tokens
nav-api = API
tokens-title = Tokens of the read API
tokens-intro = Programs read campaigns, responses and indicators through the API with a token; nothing can be changed through it. The API is described at
tokens-made = The token “{ $name }” is made. Copy it now: it is shown this once, and only a fingerprint of it is kept.
tokens-secret = Token
tokens-use = Send it in the header “Authorization: Bearer …” to { $url }.
tokens-name = Name
tokens-scope = Reads
tokens-made-by = Made by
tokens-last-used = Last used
tokens-never = never
tokens-live = in use
tokens-revoked = revoked { $date }
tokens-revoke = Revoke
tokens-revoke-named = Revoke the token “{ $name }”
tokens-none = No token has been made.
tokens-add = Make a token
tokens-scope-rule = “As a reviewer” reads submitted responses only, and surveys answered per person without who answered; “Everything” reads what the secretariat reads, drafts and names included.
token-scope-read = everything
token-scope-review = as a reviewer
token-name-bad = A token's name is 1 to { $count } characters.
flash-token-revoked = The token is revoked: programs using it are refused from now on.
audit-api-token-create = API token made
audit-api-token-revoke = API token revoked

# The reviewers' workspace
nav-review = Results
review-title = Results of the surveys
review-intro = Every survey with its campaigns by year. Open a year for its indicators as tables and charts, the same indicators over the years, and the downloads.
review-campaigns-of = Campaigns of “{ $survey }”
review-invited = Invited
review-submitted = Submitted
review-rate = Response rate
review-no-campaign = No campaign yet.
review-answered = { $submitted } of { $invited } submitted ({ $rate })
review-anonymous = This survey is answered by each person for themselves and is anonymous to reviewers: no names or addresses, and no figure that rests on fewer than { $count } answers.
review-downloads = Downloads
review-xlsx = Spreadsheet (XLSX): responses and indicators
review-xlsx-indicators = Spreadsheet (XLSX): the indicators
review-downloads-personal = Each response to this survey is one person's answers, so reviewers read it through its indicators only, never row by row; the { -org } Secretariat keeps the responses.
review-csv = CSV (a ZIP when the survey has tables of rows)
review-json = JSON with the form it was answered on
review-downloads-hint = Submitted responses only; counting them by hand gives the indicators below.
review-table-of = Figures of “{ $name }”
review-no-rows = No submitted answer yet.
review-answered-all = { $n ->
    [one] The one who submitted answered it
   *[other] All { $n } who submitted answered it
}
review-answered-blank = { $n } answered, { $blank } left it blank
review-no-rows-blank = Nobody who submitted answered this question.
review-withheld = Not shown, fewer than { $count } answers: { $rows }.
review-years = “{ $name }” over the years
review-value = Value
review-change = Change from the year before
review-rate-before = the year before: { $rate }
review-report-of = the report of { $year }
review-reports = Annual reports
report-title = { -org } surveys: the report of { $year }
report-intro = Every survey of { $year } with its response rate, its indicators as tables and charts, and each indicator beside the years before.
report-contents = Contents
report-missing = No campaign this year:
report-print-hint = Print this page, or save it as PDF, from the browser's menu: the print layout leaves out the navigation and starts each survey on a new page.
report-org = { -org }, the Euro-Asian cooperation of national metrological institutions
report-produced = Produced on { $date }
report-preface = Preface
report-texts-edit = Write the preface and the commentaries
report-texts-title = The report of { $year }: preface and commentaries
report-texts-hint = Each text in Markdown (**bold**, _italics_, lists, links, # headings), at most { $count } characters; a text left empty in one language is shown in the other. The figures are computed: only these texts are written here.
report-texts-save = Save the texts
report-texts-cancel = Back to the report
report-texts-invalid = The texts could not be read; nothing was saved.
roadmap-title = The roadmap's indicators
roadmap-intro = Every indicator of the { -org } Strategy roadmap with the survey figures that feed it, year by year; a figure links to its campaign. The roadmap covers 2020-2025; the years after it continue its indicators with the same surveys. { $unfed } indicators are measured by no survey here: they come from other monitoring.
roadmap-fed-by = Survey indicator
roadmap-target = Target
roadmap-nothing = no answers yet
roadmap-blank = nobody answered
roadmap-unfed = No survey measures this indicator: it comes from other monitoring.
roadmap-no-target = none in the roadmap
roadmap-after = after the roadmap
roadmap-top = { $label } — { $figure }
review-roadmap-link = The roadmap's indicators, year by year
match-intro = Submitted rows of “{ $with }” of the same year that fit a need: { $rules }.
match-pairs = Each need with the offers that fit it
match-need = Need
match-fits = Offers that fit
match-none = No offer fits any need yet.
match-unmatched = Needs no offer fits
match-all-fit = Every need has an offer.
match-unused = Offers no need asked for
match-all-used = Every offer fits a need.
match-no-campaign = “{ $with }” has no campaign this year: nothing to match yet.
match-rule-same = the same “{ $what }”
match-rule-among = the need's “{ $what }” among the offer's
match-rule-host = a host the need names, when it names any
match-beyond = { $label }: { $places }; the { $needs } needs that fit it ask for { $asked }
match-over = Offers asked for beyond their capacity
match-over-none = No offer is asked for beyond its capacity.
mail-digest-fits = Offers that fit your institute's traineeship needs (the same field, a language offered, a host you named):
mail-digest-all = Every offer follows.
review-chart-shows = The bars show: { $what }.
review-files-chart = Download the chart
review-files-table = Download the table
files-group = Group
files-text = Text
files-by = Written by
files-match-row = Row
files-need-of = Institute that needs it
files-offer-of = Institute that offers it
files-offer = Offer
files-capacity = Capacity
files-fits = fits
roadmap-code = Code
roadmap-indicator = Roadmap indicator
roadmap-survey = Survey
review-points = { $n } pp
review-answered-short = { $submitted } of { $invited } submitted ({ $rate })
report-still-open = This campaign is still open: its figures may change until it closes.
review-year-table-shows = { $what }, year by year
outbox-link-marker = [personal link, made when the message is sent]
sessions-title = Signed-in sessions
sessions-hint = Every browser signed in to your account. End any you do not recognise, or that you left signed in elsewhere; changing your password ends them all.
sessions-started = Signed in
sessions-last-seen = Last used
sessions-from = From address
sessions-browser = Browser
sessions-action = Action
sessions-this = This session
sessions-end = End this session
sessions-end-others = End all other sessions
flash-sessions-ended = Sessions ended: { $count }.
audit-session-end = other sessions ended
audit-second-factor-on = second factor set up
audit-second-factor-off = second factor turned off
audit-second-factor-reset = second factor reset by the operator
audit-recovery-codes-new = new recovery codes made

# A second factor (TOTP) for staff.
factor-title = Second factor (authenticator app)
factor-off-hint = Signing in now asks for your password only. With an authenticator app on your phone (Aegis, FreeOTP, Google or Microsoft Authenticator and others) it also asks for a six-digit code from the app, so a stolen password is not enough.
factor-required = Accounts of your role must sign in with a second factor: set it up to continue. Until then only this page opens.
factor-begin = Set up an authenticator app
factor-on = On since { $since }. Recovery codes left: { $count }.
factor-code = Six-digit code from the app
factor-new-codes = Make new recovery codes
factor-remove = Turn off the second factor
factor-remove-refused = Accounts of your role must sign in with a second factor, so it cannot be turned off. If your phone is lost, the operator can reset it.
factor-setup-title = Set up an authenticator app
factor-step-scan = In your authenticator app, add an account and scan this code.
factor-step-type = If you cannot scan, type the key below instead (time-based, 6 digits).
factor-step-confirm = Type the six-digit code the app now shows, to confirm.
factor-qr-label = QR code with the set-up address for your authenticator app
factor-key = Key, to type instead of scanning
factor-address = Set-up address
factor-confirm = Confirm
factor-later = Not now
factor-code-wrong = That code is not right. Check that your phone's clock is right, and type the code the app shows now.
codes-title = Your recovery codes
codes-intro = If you lose your phone, each of these codes signs you in once instead of a code from the app. Print them or keep them somewhere safe: they are shown only now, and making new ones voids these.
codes-done = I have kept them: back to my account
flash-factor-on = The second factor is set up. From now on signing in asks for a code from your app.
flash-factor-off = The second factor is turned off. Signing in asks for your password only.
flash-recovery-code-used = You signed in with a recovery code; { $count } left. Make new ones below if few are left, and set up the app again if your phone is lost.
login-code-title = Code from your authenticator app
login-code = Code
login-code-hint = Type the six-digit code your app shows for { -org } surveys, or one of your recovery codes.
login-code-submit = Sign in
login-code-back = Start again
login-code-wrong = That code is not right, or it was used already. Type the code the app shows now.

# The secretariat entering answers on an institute's behalf, and files received
entry-open = Enter answers from the institute's letter
entry-open-hint = For an institute that answered by letter, e-mail or Word file: the same form, saved under your name with the letter named.
entry-intro = You are entering this unit's answers on its behalf: each save is recorded under your name, with what you entered from.
entry-back = Back to the response
entry-letter = Entered from
entry-letter-hint = What the answers come from, as it will stand in the history: for example "the institute's letter of 3 March, ref. 12/45".
notice-entry-letter = Nothing was saved: say what the answers were entered from. Everything you typed is still here.
flash-entered-submitted = The answers were entered and submitted on the institute's behalf; its contacts were sent a confirmation.
flash-entered-draft = The answers were saved as a draft on the institute's behalf.
flash-attached = The file { $name } is kept with the response.
files-title = Files received
files-none = No file is kept with this response.
files-add = Attach a file the institute sent
files-hint = A letter, a scan or a Word file of at most { $size } MiB; only the secretariat can open it.
files-attach = Attach
actor-cli = the operator (command line, { $user })
actor-seed = the installation (the service's own files)
membership-name = { $code ->
    [full] full member
    [associate] associate member
   *[other] { $code }
}

# The questionnaire on paper, and the record after submitting
paper-how = To print this questionnaire, or to save it as a PDF file, use your browser’s Print command (Ctrl+P). Buttons and these lines are left out of the printout.
paper-download = Download as a Word document
paper-answered = Copy with the answers
paper-blank = Blank questionnaire
paper-back = Back
paper-blank-note = A blank copy to circulate: write the answers by hand, then enter them in the online form.
paper-required = required
paper-tick-one = Tick one.
paper-tick-several = Tick all that apply.
paper-row-number = No.
paper-page = Page
paper-only-if = Only if “{ $question }” is answered “{ $answer }”.
paper-other = Other (please specify): ____________
paper-print = Printable questionnaire
paper-print-blank = blank
paper-print-answered = with the answers
record-change = Change the answers
record-print = Printable copy of the answers
record-next-title = What happens next
record-next = { $unit ->
    [contact] A copy of your answers has been e-mailed to you. You can change them until the survey closes on { $date }; after that the Secretariat checks the responses and the results go to the reviewers of TC 4 and the { -org } Committee.
    [country] A copy of these answers has been e-mailed to your country’s contacts. They can be changed until the survey closes on { $date }; after that the Secretariat checks the responses and the results go to the reviewers of TC 4 and the { -org } Committee.
   *[institute] A copy of these answers has been e-mailed to your institute’s contacts. They can be changed until the survey closes on { $date }; after that the Secretariat checks the responses and the results go to the reviewers of TC 4 and the { -org } Committee.
}
record-answers = The answers
record-none = No answers were given.
record-submitted = Submitted on { $when } by { $who }.
record-draft = Not submitted: a draft, last saved on { $when } by { $who }.

# Last year's answer beside this year's
before-answer = { $year }: { $answer }
before-large = more than twice or less than half of that year’s answer: please check it (it can be kept as it is)
record-next-undated = { $unit ->
    [contact] A copy of your answers has been e-mailed to you. You can change them until the survey closes; after that the Secretariat checks the responses and the results go to the reviewers of TC 4 and the { -org } Committee.
    [country] A copy of these answers has been e-mailed to your country’s contacts. They can be changed until the survey closes; after that the Secretariat checks the responses and the results go to the reviewers of TC 4 and the { -org } Committee.
   *[institute] A copy of these answers has been e-mailed to your institute’s contacts. They can be changed until the survey closes; after that the Secretariat checks the responses and the results go to the reviewers of TC 4 and the { -org } Committee.
}
