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
