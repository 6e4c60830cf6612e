# English catalog. Every key here must exist in ja.ftl too (a test checks).
# Values are Slack mrkdwn unless the key ends in -plain (plain_text fields).

app-name = Mentor program

## Roles
role-admin = program admin
role-advisor = advisor
role-mentor = mentor
role-mentee = mentee
role-admin-can = As a *program admin* you define themes and their questions, certify mentors (one by one or by CSV), run surveys, see program-wide numbers and grant roles.
role-advisor-can = As an *advisor* you see read-only numbers for the themes and people in your scope (never anyone's memos).
role-mentor-can = As a *mentor* you say what you can talk about, set the hours you offer for 1on1s, accept or decline requests and keep memos.
role-mentee-can = As a *mentee* you find mentors by theme or by what you want to know, request a 1on1 with a topic and the response you hope for, and get reminded before it.

## Help
help-title-plain = How to use the mentor program
help-intro = Hello { $name }! I run our mentoring program: finding a mentor, booking 1on1s and reminding you before them.
help-your-roles = *Your roles:* { $roles }
help-commands = *Commands*
cmd-help = `/mentor help` — show this help
cmd-home = `/mentor home` — open your dashboard (the *Home* tab of this app)
help-language = Times are shown in *{ $tz }* and texts in *{ $language }*, following your Slack profile (Preferences → Language & region).
help-fallback = Mentor program help

## Unknown sub-command
unknown-command = I don't know `{ $word }`.
unknown-suggest = Did you mean `/mentor { $suggestion }`?
unknown-hint = Type `/mentor help` to see everything you can do.

## App Home
home-open = Your dashboard is the *Home* tab of this app: <{ $url }|open it here>.
home-open-fallback = Open the *Home* tab of this app to see your dashboard.
home-header-plain = Mentor program
home-greeting = Hello { $name } :wave:
home-roles = You are: { $roles }
home-updated = Updated { $time } ({ $tz })
button-help-plain = Help
button-refresh-plain = Refresh

## Modals
modal-close-plain = Close

## DMs
welcome-text = Welcome to the mentor program! I help you find a mentor, book 1on1s with a topic and the response you hope for, and remind you before each one. Type `/mentor help` or open my *Home* tab to start.
welcome-fallback = Welcome to the mentor program

## Errors
error-generic = Something went wrong and nothing was saved. Please try again in a moment; if it keeps happening, tell your program office.

## Language names
language-ja = Japanese
language-en = English

## Dates: { $year } { $month } { $day } { $weekday } { $time } { $month-name }
datetime = { $weekday }, { $month-name } { $day }, { $year } { $time }
weekday-0 = Mon
weekday-1 = Tue
weekday-2 = Wed
weekday-3 = Thu
weekday-4 = Fri
weekday-5 = Sat
weekday-6 = Sun
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec

## Admin: common
admin-only = Only program admins can do this. Ask your program office if you need access.
admin-not-found = That theme or question no longer exists (someone may have just changed it). Reopen the admin console to see the current list.
admin-archived = This theme is archived. Restore it first to certify mentors for it.
admin-configured = { $user } is an admin through MENTOR_BOT_ADMINS; change that setting to remove them.
admin-own-role = You cannot remove your own admin role. Ask another admin.
admin-not-grantable = Only the admin and advisor roles can be granted here.
admin-title-plain = Program admin
admin-denied-title-plain = Not allowed
cmd-admin = `/mentor admin` — themes, questions, mentor certification and roles (program admins)

## Admin: console
admin-console-intro = *Themes* — { $total } in all. Each shows mentors certified · started · waiting for answers.
admin-console-empty = No themes yet. Create the first one with *New theme*.
admin-theme-line = *{ $name }*  ({ $category })
admin-theme-archived = _archived_
admin-theme-counts = Certified { $certified } · started { $started } · waiting for answers { $waiting }
admin-page = Page { $page } of { $pages }
button-new-theme-plain = New theme
button-import-plain = Import mentors (CSV)
button-roles-plain = Roles
button-prev-plain = ◀ Previous
button-next-plain = Next ▶
button-show-archived-plain = Show archived
button-hide-archived-plain = Hide archived
menu-edit-plain = Edit theme
menu-questions-plain = Questions
menu-certify-plain = Certify mentors
menu-archive-plain = Archive
menu-restore-plain = Restore

## Admin: categories
category-tenure = Tenure and attributes
category-work = Work experience
category-non_work = Experience outside work
category-programs = Company programs
category-other = Other

## Admin: theme form
theme-new-title-plain = New theme
theme-edit-title-plain = Edit theme
theme-name-label-plain = Theme name
theme-name-hint-plain = Unique in the workspace (case, width and spaces are ignored).
theme-category-label-plain = Category
theme-description-label-plain = Description (optional)
button-save-plain = Save
button-cancel-plain = Cancel

## Admin: questions
questions-title-plain = Questions
questions-intro = *{ $theme }* — what mentors answer for their profile. Required ones must be answered before a mentor can start.
questions-empty = No questions: mentors start this theme with one click.
question-line = { $n }. *{ $label }*  { $required }
question-required = _(required)_
question-optional = _(optional)_
question-choices = Choices: { $options }
question-free-text = Free text
button-add-question-plain = Add question
menu-question-edit-plain = Edit
menu-question-up-plain = Move up
menu-question-down-plain = Move down
menu-question-remove-plain = Remove
question-new-title-plain = New question
question-edit-title-plain = Edit question
question-label-label-plain = Question
question-kind-label-plain = Answer type
question-kind-text-plain = Free text
question-kind-choice-plain = Single choice
question-options-label-plain = Choices (single choice only)
question-options-hint-plain = One choice per line, at least two.
question-required-label-plain = Answer
question-required-option-plain = Required

## Admin: certification
certify-title-plain = Certify mentors
certify-intro = *{ $theme }* — certified { $certified } · started { $started } · waiting for answers { $waiting }
certify-users-label-plain = People to certify
certify-users-hint-plain = Each newly certified person gets a DM asking them to set up. Certifying someone twice changes nothing.
certify-mentors-header = *Current mentors*
certify-mentor-line = { $user } — { $status }
certify-more = …and { $count } more.
certify-done = Certified { $count ->
        [one] 1 person
       *[other] { $count } people
    } for *{ $theme }*. They will get a DM.
certify-already = Already certified (nothing sent): { $users }
button-revoke-plain = Revoke
revoke-confirm-title-plain = Revoke certification?
revoke-confirm-text-plain = They will no longer be listed as a mentor for this theme and will be told by DM.
button-confirm-revoke-plain = Revoke
status-certified = certified, not started
status-started = started
status-needs_answers = needs answers
status-paused = paused
status-revoked = revoked

## Admin: roles
roles-title-plain = Roles
roles-intro = Admins run the program; advisors see read-only numbers (never memos).
roles-holder-line = { $user } — { $role }
roles-from-config = (MENTOR_BOT_ADMINS)
roles-user-label-plain = Person
roles-role-label-plain = Role to grant
role-admin-plain = Program admin
role-advisor-plain = Advisor

## App Home: admin section
home-admin-header = *Program admin*
home-admin-overview = { $themes ->
        [one] 1 theme
       *[other] { $themes } themes
    } · certified { $certified } · started { $started } · waiting for answers { $waiting }
button-admin-console-plain = Open admin console

## DMs to mentors
certified-text = You have been certified as a mentor for *{ $theme }*. Thank you!
certified-questions = Next, tell mentees what you can talk about: { $questions ->
        [one] 1 question
       *[other] { $questions } questions
    } ({ $required } required). You can start mentoring once the required ones are answered.
certified-no-questions = This theme has no questions: one click and you can start.
certified-started = You were moved over from the existing program, so mentees can already find you for this theme.
certified-fallback = You are now a mentor for { $theme }
button-setup-plain = Set up
revoked-text = Your certification as a mentor for *{ $theme }* was revoked by the program office. Mentees will no longer find you for this theme. Questions? Ask your program office.
revoked-fallback = Mentor certification revoked: { $theme }
answers-needed-text = The program office changed the questions for *{ $theme }*. Until you answer these, mentees will not find you for it:
answers-needed-fallback = Please update your answers for { $theme }

## Form field errors
field-empty = Please fill this in.
field-too-long = At most { $max ->
        [one] 1 character
       *[other] { $max } characters
    }, please.
field-duplicate-name = A theme named “{ $existing }” already exists (names ignore case, width and spaces).
field-too-few-options = A single-choice question needs at least two choices, one per line.
field-too-many-options = At most { $max ->
        [one] 1 choice
       *[other] { $max } choices
    }, please.
field-option-too-long = “{ $option }” is too long: at most { $max ->
        [one] 1 character
       *[other] { $max } characters
    } per choice.
field-duplicate-option = “{ $option }” is listed twice.
field-unknown-choice = Please pick one of the choices.

## CSV import
import-title-plain = Import mentors (CSV)
import-intro = Certify many mentors at once. The whole file is checked first: if any row has a problem, nothing is imported and you get every problem with its row number. Importing the same file again changes nothing.
import-file-label-plain = CSV file
import-theme-label-plain = Theme (optional)
import-theme-hint-plain = Leave empty when the file has a theme column.
import-columns = Columns: *person* (Slack user id or email) · *theme* (unless given above) · *started* (optional: yes when moving an existing mentor over) · one column per question, titled with the question. UTF-8 or Shift_JIS (Excel) both work.
import-started = Got it. I'm checking the file now and will show the progress and the result in a DM.
import-downloading = 📥 Import: downloading the file…
import-checking = 🔎 Import: checking { $rows ->
        [one] 1 row
       *[other] { $rows } rows
    }…
import-emails = 🔎 Import: looking up email addresses in Slack ({ $done } of { $total })…
import-importing = ⏳ Import: certifying { $rows ->
        [one] 1 mentor
       *[other] { $rows } mentors
    }…
import-download-failed = ❌ Import: I could not read the file ({ $error }). Nothing was imported.
import-done = ✅ Import of *{ $file }* done: { $rows ->
        [one] 1 row
       *[other] { $rows } rows
    } — { $certified } newly certified (they get a DM), { $already } already certified (nothing sent), { $started } marked as already started.
import-rejected = ❌ Nothing was imported from *{ $file }*: { $count ->
        [one] 1 problem
       *[other] { $count } problems
    }. Fix { $count ->
        [one] it
       *[other] them
    } and upload the file again.
import-more-problems = …and { $count } more.
import-at-row-column = Row { $row } ({ $column })
import-at-row = Row { $row }
import-at-column = Column “{ $column }”
import-at-file = File
import-unknown-theme = there is no theme “{ $theme }”
import-archived-theme = the theme “{ $theme }” is archived
import-unknown-column = this column is not a question of any theme in the file
import-not-a-question = the theme “{ $theme }” has no such question
import-invalid-choice = “{ $value }” is not one of the choices ({ $options })
import-missing-answer = “{ $question }” is required for a mentor marked as started
import-unknown-email = nobody in this Slack workspace has the email { $email }
csv-encoding = the file is neither UTF-8 nor Shift_JIS; in Excel, save it as “CSV UTF-8”
csv-missing-header = the file is empty: the first row must name the columns
csv-missing-column = the “{ $column }” column is missing
csv-duplicate-column = “{ $column }” means the same as “{ $same }”; keep one of them
csv-empty-column-name = column { $position } has no name
csv-too-many-rows = the file has more than { $limit ->
        [one] 1 row
       *[other] { $limit } rows
    }; split it
csv-malformed = the file is not valid CSV ({ $detail })
csv-too-many-cells = the row has { $found ->
        [one] 1 cell
       *[other] { $found } cells
    } but the header has { $expected }
csv-cell-too-long = a cell is longer than 5,000 characters
csv-missing-person = the person is missing
csv-bad-person = “{ $value }” is neither a Slack user id (U…) nor an email address
csv-missing-theme = the theme is missing
csv-theme-mismatch = the row says “{ $found }” but the import is for “{ $given }”
csv-bad-started = “{ $value }” is not a yes/no value (use yes, no, true, false, 1, 0, はい, いいえ)
csv-duplicate-of = the same person and theme as row { $row }

## Mentor: setup
cmd-hours = `/mentor hours` — your preferred 1on1 hours (mentors)
setup-title-plain = Your mentor profile
setup-intro = *{ $theme }* — tell mentees what you can talk about. Questions marked (required) must be answered before you start.
setup-no-questions = *{ $theme }* has no questions: start whenever you are ready.
setup-required-suffix-plain = (required)
setup-start-label-plain = Start
setup-start-option-plain = Start mentoring this theme (mentees can find you)
setup-missing = Required to start mentoring this theme.
setup-invalid-choice = Please pick one of the choices.
setup-saved-title-plain = Saved
setup-started = You are now mentoring *{ $theme }*. This is how mentees see you:
setup-draft = Your answers for *{ $theme }* are saved. Start mentoring when you are ready.
setup-needs = Your answers for *{ $theme }* are saved, but required questions are still open, so mentees do not see you yet.
setup-not-certified = You are not (or no longer) a mentor for this theme.
setup-archived = This theme is no longer offered.
setup-stopped = Your answers for *{ $theme }* are saved, and you stopped mentoring it: mentees no longer see you for it. Press *Start* on your Home to mentor it again.
setup-saved-paused = Your answers for *{ $theme }* are saved. The theme stays paused: press *Resume* on your Home when you want mentees to see you again.
mentor-paused = *{ $theme }* is paused: mentees do not see you for it until you resume. Your answers are kept.
mentor-resumed = You are mentoring *{ $theme }* again: mentees can find you.
mentor-resumed-needs = *{ $theme }* is resumed, but required questions are still open, so mentees do not see you yet. Press *Answers* on your Home to answer them.
mentor-stopped = You stopped mentoring *{ $theme }*: mentees no longer see you for it. Your answers are kept; press *Start* on your Home to mentor it again.
preview-title-plain = Your mentor card
preview-intro = This is how mentees see you (times are shown in each mentee's own zone):
preview-none = You are not visible to mentees yet: start a theme first.
card-next-slot = Next free slot: { $time }
card-no-slot = No free slot in the coming weeks
card-theme = *{ $theme }*  ({ $category })

## Mentor: App Home
home-mentor-header = *Your mentoring*
home-mentor-theme = *{ $theme }* — { $status }
button-setup-answers-plain = Answers
button-preview-plain = Preview
button-pause-plain = Pause
button-resume-plain = Resume
button-stop-plain = Stop
button-start-plain = Start
stop-confirm-title-plain = Stop mentoring this theme?
stop-confirm-text-plain = Mentees will no longer find you for it. Your answers are kept, and you can start again later.
button-hours-plain = Edit hours
home-hours-none = You have not set your 1on1 hours yet: mentees cannot book you until you do.
home-hours = *Hours* ({ $tz }): { $windows }
home-hours-rules = { $slot }-minute slots · up to { $horizon ->
        [one] 1 day
       *[other] { $horizon } days
    } ahead · { $notice } h notice{ $cap }{ $away }{ $auto }
home-hours-cap-week = { " · " }at most { $count } per week
home-hours-cap-month = { " · " }at most { $count } per month
home-hours-away = { " · " }away until { $date }
home-hours-auto = { " · " }requests accepted automatically

## Mentor: hours
hours-title-plain = 1on1 hours
hours-intro = Times are in your time zone, *{ $tz }*, and stay the same clock time when daylight saving changes.
hours-day-hint-plain = e.g. 10:00-12:00, 14:00-15:30 (empty: not available)
day-0-plain = Monday
day-1-plain = Tuesday
day-2-plain = Wednesday
day-3-plain = Thursday
day-4-plain = Friday
day-5-plain = Saturday
day-6-plain = Sunday
hours-slot-label-plain = Slot length
hours-minutes-plain = { $n ->
        [one] 1 minute
       *[other] { $n } minutes
    }
hours-horizon-label-plain = Mentees may book up to
hours-weeks-plain = { $n ->
        [one] 1 week
       *[other] { $n } weeks
    } ahead
hours-notice-label-plain = Minimum notice
hours-notice-hours-plain = { $n ->
        [one] 1 hour
       *[other] { $n } hours
    }
hours-notice-days-plain = { $n ->
        [one] 1 day
       *[other] { $n } days
    }
hours-cap-label-plain = Cap
hours-cap-none-plain = No cap
hours-cap-week-plain = At most { $n } per week
hours-cap-month-plain = At most { $n } per month
hours-away-label-plain = Away until (no new requests until then)
hours-auto-label-plain = Requests
hours-auto-option-plain = Accept requests automatically
hours-error-unreadable = “{ $text }” is not a time range like 10:00-12:00.
hours-error-order = In “{ $text }” the end is not after the start.
hours-error-overlap = { $a } and { $b } overlap.
hours-error-short = “{ $text }” is shorter than one { $minutes }-minute slot.
hours-error-empty = Add at least one time window in the week.
hours-saved = Your hours are saved. Mentees can book { $count ->
        [0] no free slot yet (check the windows, notice and away date)
        [one] 1 free slot
       *[other] { $count } free slots
    } in the coming weeks.
hours-not-mentor = Hours are for certified mentors. You can set them once the program office certifies you.

## Topics and expected responses
topic-work_progress = Work progress and approach
topic-goals = Progress on goals
topic-relationships = Relationships
topic-wellbeing = Physical and mental condition
topic-career = Future career
topic-skills = Growing skills
topic-private = Private life
topic-policy = Company and department policy
topic-other-plain = Other
response-advice = I want concrete advice
response-think_together = Think it through with me
response-listen = Just listen
response-opinion = I want your opinion
response-report = I want to report
response-other = Other

## Finding mentors
cmd-find = `/mentor find [words]` — find a mentor by theme or by what you want to know
find-title-plain = Find a mentor
find-theme-label-plain = Theme
find-theme-hint-plain = Leave empty to search all themes.
find-words-label-plain = What do you want to talk about?
find-words-hint-plain = Words from themes and mentors' answers, e.g. 育休, DX, TOEIC
button-search-plain = Search
results-title-plain = Mentors
results-intro = Mentors for { $query }:
results-all = all themes
results-empty = No mentor with free time matches { $query }. Try fewer or shorter words (e.g. “leave” instead of “parental leave”), another theme, or look again later — mentors who are away or fully booked are not shown.
button-request-plain = Request a 1on1 — { $theme }
button-request-one-plain = Request a 1on1
request-menu-plain = Request a 1on1…
button-new-search-plain = New search
button-find-plain = Find a mentor

## Requesting
request-title-plain = Request a 1on1
request-intro = With *{ $mentor }* on *{ $theme }*. Times are in your time zone ({ $tz }).
request-slot-label-plain = Time
request-day-label-plain = Day
request-day-hint-plain = Every day with a free time, in your time zone. Pick one to see its times.
request-topic-label-plain = Topic
request-other-label-plain = Other topic (if you chose Other)
request-response-label-plain = What response do you hope for?
request-note-label-plain = Note for the mentor (optional; starts your shared memo)
button-send-plain = Send request
request-taken = ⚠️ That time was just taken. Pick another — your topic, response and note are kept.
request-no-slots = This mentor has no free time in the coming weeks.
request-busy = You already have a 1on1 at that time. Pick another time.
request-sent-title-plain = Request sent
request-sent = Your request was sent to { $mentor }. You will hear when they answer.
request-confirmed = Confirmed: { $mentor } accepts requests automatically.
request-summary = *{ $time }* — { $theme }
  Topic: { $topic }
  Hoping for: { $response }
request-note = Note: { $note }
booking-self = You cannot request a 1on1 with yourself.
booking-unavailable = This mentor is not available for this theme any more.
booking-forbidden = Only the people in this 1on1 can change it.
booking-mentor-only = Only the mentor accepts or declines a request. You can still cancel it or ask for another time.
booking-not-found = This 1on1 no longer exists.
booking-already = This request was already { $status }.
field-slot-unknown = Please pick one of the offered times.

## DMs about 1on1s
dm-request = { $mentee } requests a 1on1 with you.
dm-details = *{ $time }* — { $theme }
  Topic: { $topic }
  Hoping for: { $response }
dm-note = > { $note }
button-accept-plain = Accept
button-decline-plain = Decline
button-cancel-1on1-plain = Cancel
button-reschedule-plain = Reschedule
dm-confirmed = Your 1on1 with { $other } is confirmed.
dm-confirmed-auto = Your 1on1 with { $other } is confirmed (accepted automatically).
dm-declined = { $mentor } declined your request.
dm-declined-message = Their message: { $message }
dm-expired = The 1on1 request between { $mentor } and { $mentee } expired without an answer; the time is free again.
dm-cancelled = { $by } cancelled your 1on1.
dm-moved = { $by } moved your 1on1 (it was { $from }).
dm-reminder = ⏰ Reminder: your 1on1 with { $other } starts { $time }.
dm-brief = 📝 Before your 1on1 with { $mentee } ({ $time }): { $sessions ->
        [0] this is your first 1on1 together.
        [one] you have met once before.
       *[other] you have met { $sessions } times before.
    }
dm-brief-memo = *Shared memo*
invite-comment = 📅 Calendar invite — open it to add the 1on1 to your calendar.
invite-cancel-comment = 📅 Calendar update — open it to remove the cancelled 1on1 from your calendar.
decline-title-plain = Decline request
decline-message-label-plain = Message to the mentee (optional)
reschedule-title-plain = Reschedule
reschedule-slot-label-plain = New time
booking-done-title-plain = Done
booking-cancelled = The 1on1 is cancelled; the other side is told.
booking-moved = The 1on1 is moved to { $time }; the other side is told.
booking-accepted = Accepted: you both get a confirmation and a calendar invite.
booking-declined = Declined; the mentee is told.
cancel-confirm-title-plain = Cancel this 1on1?
cancel-confirm-text-plain = The other person will be told and the time becomes free.
button-keep-plain = Keep it

## App Home: 1on1s
home-upcoming-header = *Your 1on1s*
home-upcoming-none = No 1on1s planned.
home-one-line = *{ $time }* — { $theme } with { $other } ({ $status })
booking-status-requested = waiting for the mentor
booking-status-confirmed = confirmed
booking-status-declined = declined
booking-status-cancelled = cancelled
booking-status-expired = expired
booking-status-started = started
home-waiting-header = *Requests waiting for your answer*

## Admin: topics
button-topics-plain = Topics
topics-title-plain = Topics
topics-intro = Topics mentees can pick when requesting a 1on1, besides the eight defaults and “Other”.
topics-name-label-plain = New topic
topics-none = No topics added yet.

## issue 8: program office
button-add-topic-plain = Add topic
menu-rename-plain = Rename
menu-retire-plain = Retire
topics-added = ✅ Added “{ $name }”: mentees can pick it when requesting a 1on1.
topics-retired = Retired “{ $name }”: no longer offered; 1on1s that used it keep its name.
topic-rename-title-plain = Rename topic
topic-rename-label-plain = Topic name
topic-rename-hint-plain = 1on1s already requested keep the name they were requested with.
home-mentor-theme-archived = *{ $theme }* — archived by the program office: mentees no longer see it. Your answers are kept.
theme-archived-fallback = The theme { $theme } was archived
theme-archived-text = The program office archived *{ $theme }*. Mentees no longer see it, so nobody can request a 1on1 with you for it. Your answers are kept; if it is restored, you are shown again as before.
theme-restored-fallback = The theme { $theme } is back
theme-restored-text = The program office restored *{ $theme }*: mentees see it again. Where you stand on it is on your Home, as before the archive.

## issue 8: DMs redrawn once their buttons no longer apply
dm-closed-accepted = ✅ Accepted: this 1on1 is confirmed.
dm-closed-declined = This request was declined.
dm-closed-expired = ⌛ This request expired without an answer.
dm-closed-cancelled = ❌ This 1on1 was cancelled.
dm-closed-moved = 🔁 This 1on1 moved to { $time }. The newer message has its buttons.

## issue 8: the calendar file in its reader's language
invite-topic = Topic: { $topic }
invite-response = Hoping for: { $response }

## issue 9: the Home says how many rows it left out
home-more = …and { $count } more.

## issue 9: admin screens
admin-role-granted = Granted { $role } to { $user }.
admin-role-already = { $user } already has that role.
admin-roles-own = (you)

## issue 9: booking screens
results-page-open = Page { $page }
results-page = Page { $page } of { $pages }
request-topic-more-plain = { $count ->
    [one] One more topic is not listed: choose “Other” and type it.
   *[other] { $count } more topics are not listed: choose “Other” and type yours.
}

## issue 9: a mentor button on a stale Home says nothing changed
mentor-unchanged = *{ $theme }* is { $status }: nothing changed.

## issue 10: after the 1on1 (rating, held / not held, the next one, auto-share)
dm-after-mentee = 🌱 How was your 1on1 with { $other }? Tell us in a few seconds — your answer is never shown to your mentor.
dm-after-mentee-reminder = 🌱 A gentle reminder: how was your 1on1 with { $other }? (We won't ask again.)
dm-after-mentor = Did your 1on1 with { $other } take place?
dm-after-mentor-reminder = A gentle reminder: did your 1on1 with { $other } take place? (We won't ask again.)
dm-summary = 📋 Summary of the 1on1 between { $mentor } (mentor) and { $mentee }.
dm-summary-why = You receive this because the program office shares these 1on1s with you.
after-mentee-only = Only the mentee of this 1on1 can rate it.
after-mentor-only = Only the mentor of this 1on1 can say whether it took place.
after-next-mentee-only = Only the mentee of this 1on1 can book the next one.
after-not-confirmed = This 1on1 was not confirmed, so there is nothing to answer.
after-not-ended = This 1on1 has not ended yet.
after-already-answered = You already answered for this 1on1; your first answer stands.
after-not-held = The mentor said this 1on1 did not take place, so there is nothing to rate.
after-held-done = Thanks — noted as held. Anyone the program office shares these 1on1s with gets the summary.
after-not-held-done = Thanks — noted as not held. Nobody is asked to rate it.
rate-title-plain = How was it?
rate-intro = A few seconds about your 1on1.
rate-clarity-label-plain = How clear do you feel now? (スッキリ度)
rate-clarity-1-plain = 1 — not at all
rate-clarity-2-plain = 2
rate-clarity-3-plain = 3
rate-clarity-4-plain = 4
rate-clarity-5-plain = 5 — completely
rate-got-label-plain = Did you get the response you hoped for?
rate-got-yes-plain = Yes
rate-got-partly-plain = Partly
rate-got-no-plain = No
rate-comment-label-plain = Comment (optional)
rate-private = 🔒 Never shown to your mentor one by one; the program only looks at answers in groups of 3 or more.
rate-clarity-missing = Choose from 1 to 5.
rate-got-missing = Choose yes, partly or no.
rate-comment-long = The comment is too long.
rate-thanks = Thank you! Your answer is saved.
button-book-next-plain = Book the next 1on1
button-rate-plain = Rate it
button-held-plain = It took place
button-not-held-plain = It did not take place
button-auto-share-plain = Auto-share
button-remove-plain = Remove
request-suggested = 💡 Suggested next: *{ $topic }* × *{ $response }* (the office's three-session sequence).
share-title-plain = Auto-share
share-intro = Who else receives the summary of each held 1on1 (date, pair, theme, topic, expected response and the shared memo — never a private memo or a rating). Choose a theme *or* a mentee, and the recipient.
share-theme-label-plain = Every 1on1 of this theme
share-mentee-label-plain = Or every 1on1 of this mentee
share-recipient-label-plain = Also send the summary to
share-empty = No auto-share rules yet.
share-scope-theme = theme *{ $theme }*
share-scope-mentee = { $mentee }'s 1on1s
share-rule-line = { $whose } → { $recipient }
share-more = { $count ->
    [one] One more rule is not listed.
   *[other] { $count } more rules are not listed.
}
share-added = Added: { $user } receives these summaries from now on.
share-exists = { $user } already receives these summaries.
share-removed = Removed: that person gets no more summaries from this rule.
share-scope-one = Choose a theme or a mentee (one of them).
share-recipient-missing = Choose who receives the summaries.
share-recipient-self = The mentee already sees their own 1on1s; choose someone else.

## issue 10: memos, TODOs and looking back
cmd-history = `/mentor history [@person]` — look back on your past 1on1s (with one person when named)
button-memo-plain = Memo
button-memo-edit-plain = Edit
button-todo-add-plain = Add a TODO
button-todo-done-plain = Done
button-todo-delete-plain = Delete
button-history-plain = Look back
button-history-newer-plain = Newer
button-history-older-plain = Older
memo-title-plain = 1on1 memo
memo-about = *{ $time }* — { $theme } with { $other }
memo-shared-header = *Shared memo*
memo-shared-none = Nothing written yet.
memo-audience-pair = 👥 Readable by you and { $other }.
memo-audience-shared = 👥 Readable by you and { $other }; also sent in the summary of each held 1on1 to { $count ->
        [one] 1 auto-share recipient
       *[other] { $count } auto-share recipients
    }:
memo-audience-private = 🔒 Readable by you only.
memo-older = { $count ->
        [one] 1 earlier entry is not shown.
       *[other] { $count } earlier entries are not shown.
    }
memo-edited = _edited by { $by }, { $time } ({ $count ->
        [one] 1 earlier version kept
       *[other] { $count } earlier versions kept
    })_
memo-add-label-plain = Add to the shared memo
memo-private-header = *Your private memo*
memo-private-label-plain = Your private memo
memo-private-none = (none)
memo-todos-header = *TODOs*
memo-todos-none = No open TODOs.
memo-entry-title-plain = Edit memo entry
memo-entry-label-plain = Shared memo entry
memo-entry-history = *Earlier versions*
memo-saved = Saved. Nobody is notified of memo changes.
memo-not-found = That 1on1, memo entry or TODO no longer exists.
memo-forbidden = Only the two people of this 1on1 can see or change its memos and TODOs.
memo-closed = This request never became a 1on1, so it has no memo.
todo-title-plain = New TODO
todo-text-label-plain = What needs doing
todo-owner-label-plain = Whose TODO
todo-owner-me-plain = Mine
todo-owner-other-plain = { $name }'s
todo-due-label-plain = Due (optional; a reminder is sent that morning)
todo-audience = Both of you see this TODO.
todo-due-on = due { $date }
todo-due-past = The due date cannot be in the past.
todo-saved = TODO added.
todo-done-saved = Marked done.
todo-deleted = TODO deleted.
todo-due = A TODO from your 1on1 with { $other } is due today:
home-todos-header = *Your TODOs*
history-title-plain = Looking back
history-header = *Your past 1on1s*, newest first
history-header-with = *Your past 1on1s with { $other }*, newest first
history-none = No past 1on1s yet.
history-row = *{ $time }* — { $theme } with { $other }
    Topic: { $topic } · Hoping for: { $response }
history-held = held
history-not-held = not held
history-unknown-partner = You have no past 1on1 with that person. Mention them, e.g. `/mentor history @name`.
memo-date = { $weekday }, { $month-name } { $day }, { $year }

# Shared wording
button-rate-send-plain = Send
# Between the names of a list ("Ann, Bob").
list-separator-plain = {", "}
## issue 10: recurring series and nudges
cmd-nudges = `/mentor nudges [on|off]` — turn reminders to book again and to answer requests on or off
series-every-label-plain = Repeat
series-once-plain = Just once
series-every-plain = { $weeks ->
    [one] Every week
   *[other] Every { $weeks } weeks
}
series-count-label-plain = How many times in all (2–{ $max }, for a series)
series-every-invalid = Choose how often from the list.
series-count-unreadable = Type how many 1on1s the series has, as a number from 2 to { $max }.
series-count-range = The number of 1on1s in a series must be between 2 and { $max }.
series-sent = Your series was sent to { $mentor }: { $count ->
    [one] one 1on1
   *[other] { $count } 1on1s
}, each its own 1on1 once accepted.
series-sent-confirmed = Your series with { $mentor } is booked: { $count ->
    [one] one 1on1
   *[other] { $count } 1on1s
}.
series-occurrence = { $time }
series-occurrence-moved = { $time } — moved from { $wanted }, which was not free
series-left-out = { $wanted } — left out: no free time near it
dm-series-request = { $mentee } asks for a series on *{ $theme }*: { $weeks ->
    [one] every week
   *[other] every { $weeks } weeks
}, { $count ->
    [one] one 1on1
   *[other] { $count } 1on1s
} (times in your zone):
dm-series-topic = Topic: { $topic } · Hoping for: { $response }
dm-series-accepted = { $mentor } accepted your series on *{ $theme }* ({ $count ->
    [one] one 1on1
   *[other] { $count } 1on1s
}):
dm-series-booked-auto = Your series with { $mentor } on *{ $theme }* is booked ({ $count ->
    [one] one 1on1
   *[other] { $count } 1on1s
}):
dm-series-booked-mentor = { $mentee } booked a series with you on *{ $theme }* ({ $count ->
    [one] one 1on1
   *[other] { $count } 1on1s
}):
dm-series-each = Each is its own 1on1, with its own reminders: move or cancel one from your Home.
dm-series-expired = The series request between { $mentor } and { $mentee } on *{ $theme }* expired without an answer; its times are free again.
dm-series-declined = { $mentor } declined your series on *{ $theme }*.
series-accepted-reply = Series accepted: each 1on1 gets its own reminders and calendar invite.
series-declined-reply = Series declined. The mentee is told.
button-series-accept-plain = Accept series
button-series-decline-plain = Decline series
dm-nudge-rebook = It has been { $weeks ->
    [one] a week
   *[other] { $weeks } weeks
} since your last 1on1 ({ $last }) with { $mentor } on *{ $theme }*. Book the next one?
dm-nudge-pending = { $mentee }'s request on *{ $theme }* for { $time } has waited more than a day.
dm-nudge-pending-series = { $mentee }'s series request on *{ $theme }* (first on { $time }) has waited more than a day.
dm-nudge-off-hint = _Rather not get these? Turn nudges off here, on your Home, or with `/mentor nudges off`._
button-book-again-plain = Book again
button-nudges-off-plain = Turn nudges off
button-nudges-on-plain = Turn nudges on
button-nudge-settings-plain = Nudge settings
home-nudges-on = *Nudges* are on: a reminder to book again after a while, and to answer waiting requests.
home-nudges-off = *Nudges* are off.
nudges-now-on = Nudges are on.
nudges-now-off = Nudges are off. Turn them on again from your Home or with `/mentor nudges on`.
nudges-usage = Type `/mentor nudges off` or `/mentor nudges on`.
admin-nudges = *Nudges*: a mentee with no 1on1 for { $weeks ->
    [one] a week
   *[other] { $weeks } weeks
} gets one "Book again" DM; a request waiting over a day reminds its mentor once.
nudge-settings-title-plain = Nudges
nudge-settings-intro = How long after their last 1on1, with nothing booked, a mentee gets a "Book again" DM (once per period).
nudge-weeks-label-plain = Weeks without a 1on1 (1–{ $max })
nudge-weeks-invalid = Type a whole number of weeks from 1 to 52.
nudge-settings-saved = Saved: mentees are nudged after { $weeks ->
    [one] { $weeks } week
   *[other] { $weeks } weeks
} without a 1on1.
booking-series-waiting = This 1on1 is part of a series: accept or decline the whole series from its request message.
## Finding a mentor under load
busy-try-again = Sorry, I am busy right now. Please try again in a moment.


## Mentor insight, tips and program analytics (issue 11)
cmd-insight = `/mentor insight` — (mentors) how your 1on1s land, by topic and expected response, beside the program
cmd-stats = `/mentor stats` — (program office, advisors) the program's analytics
insight-not-mentor = Only mentors have an insight and write tips.
insight-not-office = Only the program office and advisors see the program's analytics.
insight-outside-scope = That theme is not in your scope. Ask the program office if you need it.
insight-not-advisor = That person is not an advisor (grant the role first).
insight-tip-gone = That tip no longer exists or is already hidden.
insight-tip-empty = Write the tip.
insight-tip-too-long = A tip can be at most { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }.
insight-tip-unknown = Choose a topic and an expected response from the lists.
button-insight-mine-plain = My insight
button-insight-stats-plain = Program stats
button-insight-theme-plain = This theme
button-insight-tip-plain = Write a tip
button-insight-hide-plain = Hide
button-insight-scope-plain = Themes
home-insight-header = *Insight*
dm-brief-tips = *Tips from other mentors*
insight-figures = スッキリ度 { $clarity } · got the response { $got }% (n={ $ratings })
insight-not-enough = not enough ratings yet
insight-too-few = fewer than 3
insight-none = none
insight-title-plain = Your insight
insight-intro = How your 1on1s land, by topic × expected response, beside the program's average. Only groups of 3 ratings or more are shown, so no one can be singled out.
insight-strongest = Strongest: { $cell }
insight-weakest = Weakest: { $cell }
insight-empty = No rated 1on1s yet.
insight-cell = *{ $cell }*
    You: { $mine }
    Program: { $program }
insight-more = More combinations not shown: { $count }
insight-tip-title-plain = Tip for mentors
insight-tip-intro = A short tip other mentors see before a 1on1 on this topic and expected response. Your name is shown only if you sign it.
insight-tip-topic-plain = Topic
insight-tip-response-plain = Expected response
insight-tip-body-plain = Tip
insight-tip-signed-plain = Signature
insight-tip-sign-plain = Show my name with this tip
insight-tip-saved = Saved. Other mentors see your tip before a matching 1on1.
insight-tip-hidden = The tip is hidden; no brief shows it any more.
stats-title-plain = Program stats
stats-coverage-all = *Every theme.* Groups of fewer than 3 ratings are not shown.
stats-coverage-scope = *Your themes ({ $count }).* Groups smaller than 3 are not shown.
stats-coverage-theme = *Theme: { $theme }*
stats-months = *1on1s by month requested*
stats-month-line = • { $month }: requested { $requested } · held { $held } · cancelled { $cancelled } · expired { $expired }
stats-themes = *By theme*
stats-theme-line = *{ $theme }* ({ $category }): requested { $requested } · held { $held }
    Ratings: { $ratings }
stats-categories = *By category*
stats-category-line = • { $category }: requested { $requested } · held { $held }
stats-load = *Mentors' load (held)*
stats-at-cap = At their cap now:
stats-never-booked = Started mentors never booked: { $count } { $people }
stats-without-mentor = *Themes with no started mentor*
stats-top = *Most asked topic × expected response*
stats-first = *Newly certified mentors (90 days)*: { $certified }, of whom { $booked } had a 1on1; average days to the first: { $days }
stats-tips = *Tips between mentors* (newest)
insight-scope-title-plain = Advisor themes
insight-scope-intro = The themes whose aggregates { $advisor } sees (never memos, free text, one person's ratings or groups smaller than 3).
insight-scope-themes-plain = Themes
insight-scope-saved = Saved: { $advisor } now sees { $count ->
        [one] one theme
       *[other] { $count } themes
    }.


## Surveys (issue 11)
admin-surveys = *Surveys*: the monthly growth feeling (成長実感) and your own questions, sent to mentees by DM; results, preview and pause.
button-surveys-plain = Surveys
button-survey-new-plain = New survey
button-survey-results-plain = Results
button-survey-preview-plain = Preview
button-survey-pause-plain = Pause
button-survey-resume-plain = Resume
button-survey-answer-plain = Answer
button-survey-send-plain = Send
survey-list-title-plain = Surveys
survey-list-empty = No survey yet. Press *New survey* to define one.
survey-list-line = *{ $title }*  ·  `{ $schedule }`  ·  open { $days ->
    [one] 1 day
   *[other] { $days } days
}
survey-paused = _(paused)_
survey-paused-now = Paused: no new run opens until you resume it.
survey-resumed-now = Resumed: the next run opens on schedule.
survey-define-title-plain = New survey
survey-title-label-plain = Title
survey-schedule-label-plain = When (in the workspace's time zone)
survey-schedule-hint-plain = first-weekday = 10:00 on the first weekday of each month; or a cron expression: sec min hour day month weekday, e.g. 0 0 10 1 * *
survey-open-days-label-plain = Open for how many days (1–28)
survey-audience-label-plain = Who receives it
survey-audience-had-1on1-plain = Mentees with a 1on1 since the last run
survey-audience-themes-plain = Mentees of the chosen themes
survey-themes-label-plain = Themes (for "mentees of the chosen themes")
survey-questions-label-plain = Your questions, one per line (at most { $max })
survey-questions-hint-plain = scale: question (1–5) · text: question · choice: question | A | B. Start a line with ? to make it optional. The growth feeling is always asked first.
survey-title-invalid = Give the survey a title (up to 100 characters).
survey-schedule-invalid = Type first-weekday or a cron expression with six fields (sec min hour day month weekday).
survey-open-days-invalid = Type a whole number of days from 1 to 28.
survey-audience-invalid = Choose who receives the survey.
survey-audience-themes-missing = Choose at least one theme, or send it to mentees with a 1on1.
survey-questions-too-many = At most { $max ->
    [one] 1 question
   *[other] { $max } questions
}: this has { $count }.
survey-question-unreadable = Line { $line } is not "scale:", "text:" or "choice:" followed by a question.
survey-question-choices = Line { $line }: a choice question needs at least two options, separated by |.
survey-fields-invalid = Some fields need fixing.
survey-not-found = That survey no longer exists.
survey-not-yours = This survey was not sent to you.
survey-closed = This survey has closed; answers can no longer be changed.
survey-answer-required = Please answer this.
survey-saved = Saved. This is what recipients will see:
survey-preview-title-plain = Preview
survey-preview-intro = This is what recipients will see (in their language and time zone).
survey-answer-title-plain = Survey
survey-answer-intro = *{ $title }*: open until { $closes }. You can change your answers until then.
survey-growth-label-plain = Growth feeling (成長実感): how much did you feel you grew? 1 = not at all, 5 = very much
survey-answered = Thank you, your answers are saved. You can change them until { $closes }.
survey-dm = Please answer the survey *{ $title }* by { $closes }.
survey-reminder-dm = Reminder: the survey *{ $title }* closes { $closes }.
survey-results-title-plain = Survey results
survey-results-head = *{ $title }*
survey-results-hidden = Not enough answers yet (fewer than 3), so nothing is shown.
survey-results-rate-label = *Response rate*
survey-results-rate = *Response rate*: { $answered } of { $sent } answered ({ $percent }%)
survey-results-growth-label = *Growth feeling*
survey-results-distribution = *Growth feeling*: 1: { $s1 } · 2: { $s2 } · 3: { $s3 } · 4: { $s4 } · 5: { $s5 }
survey-results-by-month = *By month*
survey-results-by-theme = *By theme*
survey-results-trend = { $label }: average { $avg } ({ $n ->
    [one] 1 answer
   *[other] { $n } answers
})
survey-results-trend-hidden = { $label }: not enough answers yet
survey-results-average = Average { $avg }
survey-results-texts = { $n ->
    [one] 1 answer
   *[other] { $n } answers
} (the texts are shown to admins only)
survey-results-free-text = *{ $question }* (free text, admins only)
survey-results-low = *Low growth feeling ({ $max } or less), for follow-up* (admins only)
survey-results-low-none = None.
button-survey-export-plain = CSV
survey-export-queued = The CSV files (answers, and 1on1 statistics) and the chart are on their way to your DM with the bot.
survey-export-answers-comment = Survey answers (CSV, UTF-8 with BOM: opens in Excel).
survey-export-one-on-ones-comment = 1on1 statistics by month and theme (CSV, UTF-8 with BOM); counts under 3 are shown as <3.
survey-export-chart-comment = Survey chart: the growth feeling by month, and 1on1s held per month (months with fewer than 3 left out).
survey-chart-growth = Growth feeling (monthly average, 1–5)
survey-chart-held = 1on1s held per month
survey-low-growth-label-plain = List growth feelings at or below this for follow-up (1–4)
survey-low-growth-hint-plain = The results list these answers with names, for admins only. Default 2.
survey-low-growth-invalid = Type a whole number from 1 to 4.
cmd-survey = `/mentor survey [on|off]` — receive the surveys sent to everyone who opted in, or stop
survey-audience-opted-in-plain = Everyone who opted in (`/mentor survey on`)
survey-opt-in-now-on = Surveys are on: you receive the surveys sent to everyone who opted in. `/mentor survey off` stops them.
survey-opt-in-now-off = Surveys are off. `/mentor survey on` turns them on.
survey-opt-in-usage = Type `/mentor survey on` or `/mentor survey off`.
button-survey-edit-plain = Edit
survey-edit-title-plain = Edit survey
survey-edited = Survey saved. { $revised ->
    [0] No answered question changed.
    [one] One answered question changed: its earlier answers keep the text they answered, and the new text is asked from now on.
   *[other] { $revised } answered questions changed: their earlier answers keep the text they answered, and the new texts are asked from now on.
}

## Microsoft Teams (cards, dialogs, the app package)
teams-someone = a colleague
teams-help-language = Times are shown in *{ $tz }* and texts in *{ $language }*, following your Teams settings.
teams-cmd-home = `home` — show your dashboard here (it refreshes when you open this chat)
teams-button-open = Open
teams-button-stop = Stop mentoring (mentees no longer see you)
teams-button-request = Request a 1on1
teams-button-cancel-1on1 = Cancel the 1on1 (both of you are told)
teams-choose-one = Choose one.
teams-request-more-slots = Only the soonest times are listed; later ones appear as these pass.
teams-decline-intro = The mentee is told that you declined, with your message if you write one.
teams-file-link = The file *{ $file }* is ready.
teams-file-elsewhere = The file *{ $file }* can be downloaded from the mentor program in Slack or the sandbox (Teams chats with this app take no files).
teams-button-download = Download
teams-button-meeting = Create the Teams meeting
teams-dm-note = Note: { $note }
teams-app-short = Find a mentor, book 1on1s, keep memos.
teams-app-full = The company's mentoring program in Teams: find a mentor by theme or by what you want to know, request a 1on1 with a topic and the response you hope for, get reminders and a meeting link, keep shared memos and TODOs, and look back on past 1on1s.
teams-command-help = Your roles, what you can do and the commands
teams-command-find = Find a mentor: find, or find and words (e.g. find parental leave)
teams-command-home = Your dashboard: 1on1s, requests to answer, TODOs
teams-command-hours = Mentors: the hours you offer for 1on1s
teams-command-history = Look back on your past 1on1s and their memos
teams-command-nudges = Turn reminders to book again on or off (nudges on / nudges off)
teams-command-insight = Mentors: how your 1on1s land, by topic and response
teams-command-stats = Program office and advisors: the program's analytics
teams-command-admin = Program admins: themes, questions, certification and roles
teams-command-survey = Receive the program's surveys, or stop (survey on / survey off)

## Teams: the personal chat (issue 14)
teams-welcome-text = I run our mentoring program: find a mentor, book 1on1s with a topic and the response you hope for, and get reminders and a meeting link. Type *find* and a few words (e.g. find parental leave), or *help* for everything I understand.
teams-unknown-command = I don't know “{ $word }”. Type *help* to see what I understand.
teams-unknown-command-suggest = I don't know “{ $word }”. Did you mean *{ $suggestion }*? Type *help* to see what I understand.
teams-open-in-dialog = That button is not available in Teams yet: use it in Slack for now.
teams-request-sent = Your request is sent. The mentor is told, and you get a message here when they answer.
# Teams operations: the Teams people the bot can no longer write to, on the admins' Home.
teams-ops-unreachable-count = { $count ->
    [one] *Teams:* the bot can no longer write to 1 person. Ask them to reinstall the app.
   *[other] *Teams:* the bot can no longer write to { $count } people. Ask them to reinstall the app.
}
teams-ops-unreachable-reason = blocked or uninstalled the app
teams-ops-unreachable-row = • { $name }: { $reason } ({ $when })
teams-ops-unreachable-more = { $count ->
    [one] …and 1 more
   *[other] …and { $count } more
}

## Teams: the rest of the 1on1 loop (after the 1on1, decline, reschedule, memos, history, surveys, nudges)
teams-more-decline-title = Decline the request
teams-more-rate-title = How was the 1on1?
teams-more-reschedule-title = Move the 1on1
teams-more-todo-add = *Add a TODO* (leave it empty to add none)
teams-more-memo-todo-saved = Saved, and the TODO added. Nobody is notified of memo changes.
teams-more-history-unknown = You have no past 1on1 with that person. Type their name as Teams shows it, e.g. `history Liam Walsh`.
teams-more-survey-now-on = Surveys are on: you receive the surveys sent to everyone who opted in. Type `survey off` to stop them.
teams-more-survey-now-off = Surveys are off. Type `survey on` to turn them on.
teams-more-survey-usage = Type `survey on` or `survey off`.
teams-more-nudges-now-off = Nudges are off. Turn them on again from your Home or by typing `nudges on`.
teams-more-nudges-usage = Type `nudges off` or `nudges on`.
teams-more-cmd-help = `help` — show this help
teams-more-cmd-find = `find [words]` — find a mentor by theme or by what you want to know
teams-more-cmd-hours = `hours` — your preferred 1on1 hours (mentors)
teams-more-cmd-history = `history [name]` — look back on your past 1on1s (with one person when named)
teams-more-cmd-nudges = `nudges on` / `nudges off` — reminders to book again and to answer requests
teams-more-cmd-survey = `survey on` / `survey off` — receive the surveys sent to everyone who opted in, or stop
teams-more-not-yet = *{ $command }* is in Slack only for now (the program office's console). Type *help* to see everything that works in Teams.
teams-insight-cmd-insight = `insight` — how your 1on1s land by topic × expected response, and a tip for other mentors (mentors)
teams-insight-cmd-stats = `stats` — the program's analytics by month, theme and mentor (program office and advisors)

## Teams: the program office's console (`admin`)
teams-admin-cmd = `admin` — the program office's console: themes, mentor certification (program admins)
teams-admin-more-in-slack = That part of the console is not in Teams. Type `admin` to open the console again.
teams-admin-name-required = Enter the theme's name.
teams-admin-category-required = Pick a category.
teams-admin-emails-label = Email addresses of the people to certify (one a line)
teams-admin-emails-unknown = { $count ->
        [one] Nobody in Slack or Teams has this address
       *[other] Nobody in Slack or Teams has these addresses
    }: { $emails }. Nobody was certified; fix the list and save again (a Teams person is known once they have written to the bot).
teams-admin-theme-saved = Theme “{ $name }” saved. Type admin to see the console again.
teams-admin-role-email-label = Email address of the person
teams-admin-revoke-role = Revoke: { $name } ({ $role })

## Teams: auto-share in the console (people by email address)
teams-admin2-share-mentee-label-plain = Or every 1on1 of this mentee (email address)
teams-admin2-share-recipient-label-plain = Also send the summary to (email address)


## Teams: CSV import by attaching the file in the personal chat
teams-filein-how = Attach the CSV file to a message to me here in our chat (the paperclip under the message box) and send it. I check the whole file first and show you every problem with its row, or what the import will do, with an *Import* button. Nothing is imported until you press it, and importing the same file again changes nothing.
teams-filein-sample-intro = A sample file:
teams-filein-sample =
    person,theme,started
    kana@contoso.example,Parental leave,no
    liam@contoso.example,Parental leave,yes
teams-filein-theme-tip = When the file has no theme column, write the theme's name in the message you attach the file to.
teams-filein-preview = *{ $file }* is ready to import: { $rows ->
        [one] 1 row
       *[other] { $rows } rows
    } — { $new } to certify (they get a DM), { $already } certified already (nothing sent), { $started } marked as already started.
teams-filein-preview-note = Nothing is imported until you press Import.
teams-filein-import-plain = Import
teams-filein-cancel-plain = Cancel
teams-filein-cancelled = Cancelled: nothing was imported.
teams-filein-not-csv = *{ $file }* is not a CSV file. In Excel, save the sheet as “CSV UTF-8” and attach that. Nothing was imported.
teams-filein-admins-only = Only program admins can import mentors from a file. Nothing was changed.
teams-filein-host-refused = ❌ I did not download this file: it is not stored where this bot may fetch files from (TEAMS_FILE_HOSTS). Nothing was imported.
teams-filein-expired = ❌ The file's link has expired. Attach the file again. Nothing was imported.
teams-filein-too-large = ❌ The file is larger than 20 MB. Nothing was imported.
teams-filein-changed = ❌ *{ $file }* has changed since I checked it. Attach it again to check the new version. Nothing was imported.
## Teams: survey results under the program stats (the office; advisors for their themes)
teams-advisor-surveys-office = **Survey results**
teams-advisor-surveys-scope = **Survey results** — answers from your themes only: groups under 3 are hidden, and no free text or names are shown.
teams-advisor-surveys-none = No survey results to show yet.
## Teams: a survey's exports as files saved to OneDrive (file consent)
teams-fileout-queued = The answers and 1on1 statistics (CSV) and the chart (PNG) are coming to your chat with the bot: press Allow on each to save it to your OneDrive.
teams-fileout-saved = *{ $file }* was saved to your OneDrive; it is in the message below.
teams-fileout-declined = Not saved. To get this file, ask for it again from the survey list (CSV).
teams-fileout-offer-expired = The link to save this file has expired, so nothing was saved. Ask for the export again from the survey list (CSV).
teams-fileout-not-yours = This file was offered to someone else, so nothing was changed.
advisor-surveys-office = *Survey results*
advisor-surveys-scope = *Survey results* — answers from your themes only: groups under 3 are hidden, and no free text or names are shown.
