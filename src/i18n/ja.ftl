# 日本語カタログ。ここのキーはすべて en.ftl にも必要です（テストで確認）。
# 値は Slack の mrkdwn。キーが -plain で終わるものは plain_text 用。

app-name = メンター制度

## Roles
role-admin = 事務局
role-advisor = アドバイザー
role-mentor = メンター
role-mentee = メンティ
role-admin-can = *事務局* として、テーマとその質問の設定、メンターの認定（個別またはCSV）、サーベイの運用、制度全体の集計の確認、ロールの付与ができます。
role-advisor-can = *アドバイザー* として、担当範囲のテーマや人の集計を閲覧できます（メモは閲覧できません）。
role-mentor-can = *メンター* として、話せる内容の登録、1on1の希望時間の設定、依頼の承諾・辞退、メモの記録ができます。
role-mentee-can = *メンティ* として、テーマや知りたいことからメンターを探し、トピックと期待する対応を添えて1on1を依頼し、実施前にリマインドを受け取れます。

## Help
help-title-plain = メンター制度の使い方
help-intro = { $name } さん、こんにちは！メンター制度の運営をお手伝いします。メンター探し、1on1の予約、実施前のリマインドを担当します。
help-your-roles = *あなたのロール:* { $roles }
help-commands = *コマンド*
cmd-help = `/mentor help` — この使い方を表示
cmd-home = `/mentor home` — ダッシュボード（このアプリの *ホーム* タブ）を開く
help-language = 時刻は *{ $tz }*、表示言語は *{ $language }* です（Slack のプロフィール設定「言語とリージョン」に従います）。
help-fallback = メンター制度の使い方

## Unknown sub-command
unknown-command = `{ $word }` は分かりませんでした。
unknown-suggest = `/mentor { $suggestion }` のことですか？
unknown-hint = できることの一覧は `/mentor help` で確認できます。

## App Home
home-open = ダッシュボードはこのアプリの *ホーム* タブです：<{ $url }|ここから開く>
home-open-fallback = このアプリの *ホーム* タブを開くとダッシュボードが表示されます。
home-header-plain = メンター制度
home-greeting = { $name } さん、こんにちは :wave:
home-roles = あなたのロール: { $roles }
home-updated = { $time } 更新（{ $tz }）
button-help-plain = 使い方
button-refresh-plain = 更新

## Modals
modal-close-plain = 閉じる

## DMs
welcome-text = メンター制度へようこそ！メンター探し、トピックと期待する対応を添えた1on1の予約、実施前のリマインドをお手伝いします。`/mentor help` と入力するか、*ホーム* タブを開いて始めましょう。
welcome-fallback = メンター制度へようこそ

## Errors
error-generic = エラーが発生したため、何も保存されていません。しばらくしてからもう一度お試しください。繰り返し発生する場合は事務局にお知らせください。

## Language names
language-ja = 日本語
language-en = 英語

## Dates
datetime = { $year }年{ $month }月{ $day }日({ $weekday }) { $time }
weekday-0 = 月
weekday-1 = 火
weekday-2 = 水
weekday-3 = 木
weekday-4 = 金
weekday-5 = 土
weekday-6 = 日
month-1 = 1月
month-2 = 2月
month-3 = 3月
month-4 = 4月
month-5 = 5月
month-6 = 6月
month-7 = 7月
month-8 = 8月
month-9 = 9月
month-10 = 10月
month-11 = 11月
month-12 = 12月
