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

## Admin: common
admin-only = この操作は事務局のみ行えます。権限が必要な場合は事務局にお問い合わせください。
admin-not-found = そのテーマまたは質問は見つかりませんでした（直前に変更された可能性があります）。管理画面を開き直して最新の一覧をご確認ください。
admin-archived = このテーマはアーカイブされています。メンターを認定するには先に復元してください。
admin-configured = { $user } さんは MENTOR_BOT_ADMINS で事務局に設定されています。外すにはその設定を変更してください。
admin-own-role = ご自身の事務局ロールは外せません。他の事務局メンバーに依頼してください。
admin-not-grantable = ここで付与できるのは事務局とアドバイザーのロールのみです。
admin-title-plain = 事務局メニュー
admin-denied-title-plain = 操作できません
cmd-admin = `/mentor admin` — テーマ・質問・メンター認定・ロールの管理（事務局のみ）

## Admin: console
admin-console-intro = *テーマ* — 全 { $total } 件。各テーマのメンター数（認定・開始済み・回答待ち）を表示します。
admin-console-empty = テーマはまだありません。「新しいテーマ」から作成してください。
admin-theme-line = *{ $name }*（{ $category }）
admin-theme-archived = _アーカイブ済み_
admin-theme-counts = 認定 { $certified }・開始済み { $started }・回答待ち { $waiting }
admin-page = { $page } / { $pages } ページ
button-new-theme-plain = 新しいテーマ
button-import-plain = メンターを一括認定（CSV）
button-roles-plain = ロール
button-prev-plain = ◀ 前へ
button-next-plain = 次へ ▶
button-show-archived-plain = アーカイブも表示
button-hide-archived-plain = アーカイブを隠す
menu-edit-plain = テーマを編集
menu-questions-plain = 質問
menu-certify-plain = メンターを認定
menu-archive-plain = アーカイブ
menu-restore-plain = 復元

## Admin: categories
category-tenure = 年次等・属性
category-work = 業務経験
category-non_work = 業務外経験
category-programs = 制度の利用
category-other = その他

## Admin: theme form
theme-new-title-plain = 新しいテーマ
theme-edit-title-plain = テーマを編集
theme-name-label-plain = テーマ名
theme-name-hint-plain = ワークスペース内で一意です（大文字小文字・全角半角・空白の違いは区別しません）。
theme-category-label-plain = カテゴリ
theme-description-label-plain = 説明（任意）
button-save-plain = 保存
button-cancel-plain = キャンセル

## Admin: questions
questions-title-plain = 質問
questions-intro = *{ $theme }* — メンターがプロフィールとして回答する質問です。必須の質問に回答するとメンターを開始できます。
questions-empty = 質問はありません。メンターはワンクリックでこのテーマを開始できます。
question-line = { $n }. *{ $label }*  { $required }
question-required = _（必須）_
question-optional = _（任意）_
question-choices = 選択肢: { $options }
question-free-text = 自由記述
button-add-question-plain = 質問を追加
menu-question-edit-plain = 編集
menu-question-up-plain = 上へ
menu-question-down-plain = 下へ
menu-question-remove-plain = 削除
question-new-title-plain = 新しい質問
question-edit-title-plain = 質問を編集
question-label-label-plain = 質問
question-kind-label-plain = 回答形式
question-kind-text-plain = 自由記述
question-kind-choice-plain = 単一選択
question-options-label-plain = 選択肢（単一選択のみ）
question-options-hint-plain = 1行に1つ、2つ以上入力してください。
question-required-label-plain = 回答
question-required-option-plain = 必須

## Admin: certification
certify-title-plain = メンターを認定
certify-intro = *{ $theme }* — 認定 { $certified }・開始済み { $started }・回答待ち { $waiting }
certify-users-label-plain = 認定する人
certify-users-hint-plain = 新たに認定された人には設定を依頼するDMが届きます。同じ人を再度認定しても何も変わりません。
certify-mentors-header = *現在のメンター*
certify-mentor-line = { $user } — { $status }
certify-more = …ほか { $count } 人
certify-done = *{ $theme }* に { $count } 人を認定しました。DMでお知らせします。
certify-already = 認定済みのため送信しなかった人: { $users }
button-revoke-plain = 認定を取り消す
revoke-confirm-title-plain = 認定を取り消しますか？
revoke-confirm-text-plain = このテーマのメンターとして表示されなくなり、本人にDMでお知らせします。
button-confirm-revoke-plain = 取り消す
status-certified = 認定済み・未開始
status-started = 開始済み
status-needs_answers = 回答待ち
status-paused = 一時停止中
status-revoked = 取り消し済み

## Admin: roles
roles-title-plain = ロール
roles-intro = 事務局は制度を運営し、アドバイザーは集計を閲覧できます（メモは閲覧できません）。
roles-holder-line = { $user } — { $role }
roles-from-config = （MENTOR_BOT_ADMINS）
roles-user-label-plain = 対象者
roles-role-label-plain = 付与するロール
role-admin-plain = 事務局
role-advisor-plain = アドバイザー

## App Home: admin section
home-admin-header = *事務局メニュー*
home-admin-overview = テーマ { $themes } 件・認定 { $certified }・開始済み { $started }・回答待ち { $waiting }
button-admin-console-plain = 管理画面を開く

## DMs to mentors
certified-text = *{ $theme }* のメンターに認定されました。ありがとうございます！
certified-questions = 次に、メンティに向けて話せる内容を登録してください：質問 { $questions } 件（うち必須 { $required } 件）。必須の質問に回答するとメンターを開始できます。
certified-no-questions = このテーマには質問がありません。ワンクリックで開始できます。
certified-started = 既存の制度から移行されたため、メンティはすでにこのテーマであなたを見つけられます。
certified-fallback = { $theme } のメンターに認定されました
button-setup-plain = 設定する
revoked-text = *{ $theme }* のメンター認定が事務局により取り消されました。このテーマではメンティに表示されなくなります。ご不明な点は事務局にお問い合わせください。
revoked-fallback = メンター認定の取り消し: { $theme }
answers-needed-text = 事務局が *{ $theme }* の質問を変更しました。次の質問に回答するまで、このテーマではメンティに表示されません：
answers-needed-fallback = { $theme } の回答を更新してください

## Form field errors
field-empty = 入力してください。
field-too-long = { $max } 文字以内で入力してください。
field-duplicate-name = 「{ $existing }」というテーマがすでにあります（大文字小文字・全角半角・空白の違いは区別しません）。
field-too-few-options = 単一選択の質問には、1行に1つずつ2つ以上の選択肢が必要です。
field-too-many-options = 選択肢は { $max } 個までです。
field-option-too-long = 「{ $option }」が長すぎます。選択肢は1つ { $max } 文字までです。
field-duplicate-option = 「{ $option }」が重複しています。
field-unknown-choice = 選択肢から選んでください。

## CSV import
import-title-plain = メンターを一括認定（CSV）
import-intro = 複数のメンターをまとめて認定します。最初にファイル全体を確認し、問題のある行が1つでもあれば何も取り込まず、すべての問題を行番号付きでお知らせします。同じファイルを再度取り込んでも何も変わりません。
import-file-label-plain = CSVファイル
import-theme-label-plain = テーマ（任意）
import-theme-hint-plain = ファイルにテーマ列がある場合は空欄のままにしてください。
import-columns = 列: *ユーザー*（SlackのユーザーIDまたはメールアドレス）・ *テーマ*（上で指定しない場合）・ *開始済み*（任意。既存のメンターを移行する場合は「はい」）・ 質問ごとに1列（見出しは質問文）。UTF-8 と Shift_JIS（Excel）のどちらでも読み込めます。
import-started = 受け付けました。ファイルを確認しています。進捗と結果はDMでお知らせします。
import-downloading = 📥 取り込み: ファイルをダウンロードしています…
import-checking = 🔎 取り込み: { $rows } 行を確認しています…
import-emails = 🔎 取り込み: Slackでメールアドレスを照会しています（{ $total } 件中 { $done } 件）…
import-importing = ⏳ 取り込み: { $rows } 人のメンターを認定しています…
import-download-failed = ❌ 取り込み: ファイルを読み込めませんでした（{ $error }）。何も取り込んでいません。
import-done = ✅ *{ $file }* の取り込みが完了しました: { $rows } 行 — 新たに認定 { $certified } 人（DMでお知らせします）、認定済み { $already } 人（送信なし）、開始済みとして登録 { $started } 人。
import-rejected = ❌ *{ $file }* からは何も取り込んでいません: 問題が { $count } 件あります。修正してもう一度アップロードしてください。
import-more-problems = …ほか { $count } 件
import-at-row-column = { $row } 行目（{ $column }）
import-at-row = { $row } 行目
import-at-column = 列「{ $column }」
import-at-file = ファイル
import-unknown-theme = 「{ $theme }」というテーマはありません
import-archived-theme = テーマ「{ $theme }」はアーカイブされています
import-unknown-column = この列はファイル内のどのテーマの質問とも一致しません
import-not-a-question = テーマ「{ $theme }」にはこの質問がありません
import-invalid-choice = 「{ $value }」は選択肢にありません（{ $options }）
import-missing-answer = 開始済みのメンターには「{ $question }」への回答が必要です
import-unknown-email = このSlackワークスペースに { $email } のユーザーはいません
csv-encoding = ファイルが UTF-8 でも Shift_JIS でもありません。Excel では「CSV UTF-8」形式で保存してください
csv-missing-header = ファイルが空です。1行目に列名が必要です
csv-missing-column = 「{ $column }」列がありません
csv-duplicate-column = 「{ $column }」は「{ $same }」と同じ意味の列です。どちらか一方にしてください
csv-empty-column-name = { $position } 列目に列名がありません
csv-too-many-rows = { $limit } 行を超えています。ファイルを分割してください
csv-malformed = CSVとして読み込めません（{ $detail }）
csv-too-many-cells = この行は { $found } 列ありますが、見出しは { $expected } 列です
csv-cell-too-long = 5,000文字を超えるセルがあります
csv-missing-person = ユーザーが空欄です
csv-bad-person = 「{ $value }」はSlackのユーザーID（U…）でもメールアドレスでもありません
csv-missing-theme = テーマが空欄です
csv-theme-mismatch = この行は「{ $found }」ですが、取り込み対象は「{ $given }」です
csv-bad-started = 「{ $value }」ははい/いいえの値ではありません（はい、いいえ、yes、no、true、false、1、0）
csv-duplicate-of = { $row } 行目と同じユーザー・テーマです

## Mentor: setup
cmd-hours = `/mentor hours` — 1on1の希望時間（メンター）
setup-title-plain = メンタープロフィール
setup-intro = *{ $theme }* — メンティに向けて話せる内容を入力してください。（必須）の質問に回答するとメンターを開始できます。
setup-no-questions = *{ $theme }* には質問がありません。準備ができたら開始してください。
setup-required-suffix-plain = （必須）
setup-start-label-plain = 開始
setup-start-option-plain = このテーマでメンターを開始する（メンティに表示されます）
setup-missing = このテーマでメンターを開始するには回答が必要です。
setup-invalid-choice = 選択肢から選んでください。
setup-saved-title-plain = 保存しました
setup-started = *{ $theme }* のメンターを開始しました。メンティには次のように表示されます：
setup-draft = *{ $theme }* の回答を保存しました。準備ができたら開始してください。
setup-needs = *{ $theme }* の回答を保存しましたが、未回答の必須質問があるため、まだメンティには表示されません。
setup-not-certified = このテーマのメンターではありません（または認定が取り消されています）。
setup-archived = このテーマは現在提供されていません。
setup-stopped = *{ $theme }* の回答を保存し、このテーマのメンターを終了しました。メンティには表示されません。再開するにはホームの「開始」を押してください。
setup-saved-paused = *{ $theme }* の回答を保存しました。テーマは一時停止中のままです。メンティに再び表示するにはホームの「再開」を押してください。
mentor-paused = *{ $theme }* を一時停止しました。再開するまでメンティには表示されません。回答は保存されています。
mentor-resumed = *{ $theme }* のメンターを再開しました。メンティがあなたを見つけられます。
mentor-resumed-needs = *{ $theme }* を再開しましたが、必須の質問が未回答のため、まだメンティには表示されません。ホームの「回答」から回答してください。
mentor-stopped = *{ $theme }* のメンターを終了しました。メンティには表示されません。回答は保存されています。再び始めるにはホームの「開始」を押してください。
preview-title-plain = メンターカード
preview-intro = メンティには次のように表示されます（時刻は各メンティのタイムゾーンで表示されます）：
preview-none = まだメンティには表示されていません。先にテーマを開始してください。
card-next-slot = 次の空き枠: { $time }
card-no-slot = 今後数週間に空き枠はありません
card-theme = *{ $theme }*（{ $category }）

## Mentor: App Home
home-mentor-header = *メンターとしての活動*
home-mentor-theme = *{ $theme }* — { $status }
button-setup-answers-plain = 回答
button-preview-plain = プレビュー
button-pause-plain = 一時停止
button-resume-plain = 再開
button-stop-plain = 終了
button-start-plain = 開始
stop-confirm-title-plain = このテーマを終了しますか？
stop-confirm-text-plain = メンティに表示されなくなります。回答は保存され、後で再び開始できます。
button-hours-plain = 希望時間を編集
home-hours-none = 1on1の希望時間がまだ設定されていません。設定するまでメンティは予約できません。
home-hours = *希望時間*（{ $tz }）: { $windows }
home-hours-rules = { $slot }分枠・{ $horizon }日先まで・{ $notice }時間前まで予約可{ $cap }{ $away }{ $auto }
home-hours-cap-week = ・週{ $count }件まで
home-hours-cap-month = ・月{ $count }件まで
home-hours-away = ・{ $date }まで不在
home-hours-auto = ・依頼を自動承諾

## Mentor: hours
hours-title-plain = 1on1の希望時間
hours-intro = 時刻はあなたのタイムゾーン *{ $tz }* で、夏時間の切り替え後も同じ時刻のままです。
hours-day-hint-plain = 例: 10:00-12:00, 14:00-15:30（空欄の日は受け付けなし）
day-0-plain = 月曜日
day-1-plain = 火曜日
day-2-plain = 水曜日
day-3-plain = 木曜日
day-4-plain = 金曜日
day-5-plain = 土曜日
day-6-plain = 日曜日
hours-slot-label-plain = 1枠の長さ
hours-minutes-plain = { $n }分
hours-horizon-label-plain = 予約を受け付ける期間
hours-weeks-plain = { $n }週間先まで
hours-notice-label-plain = 予約の締め切り
hours-notice-hours-plain = { $n }時間前
hours-notice-days-plain = { $n }日前
hours-cap-label-plain = 上限
hours-cap-none-plain = 上限なし
hours-cap-week-plain = 週{ $n }件まで
hours-cap-month-plain = 月{ $n }件まで
hours-away-label-plain = 不在期間（この日まで新しい依頼を受け付けません）
hours-auto-label-plain = 依頼の扱い
hours-auto-option-plain = 依頼を自動で承諾する
hours-error-unreadable = 「{ $text }」は 10:00-12:00 のような時間帯ではありません。
hours-error-order = 「{ $text }」は終了が開始より後になっていません。
hours-error-overlap = { $a } と { $b } が重なっています。
hours-error-short = 「{ $text }」は{ $minutes }分の枠より短いです。
hours-error-empty = 1週間のうち少なくとも1つの時間帯を入力してください。
hours-saved = 希望時間を保存しました。{ $count ->
        [0] 今のところ空き枠がありません（時間帯・受付期限・不在日を確認してください）。
       *[other] 今後数週間で { $count } 枠の空きがあります。
    }
hours-not-mentor = 希望時間はメンターに認定された方が設定できます。事務局から認定されると設定できるようになります。

## Topics and expected responses
topic-work_progress = 業務の進捗や進め方
topic-goals = 業績目標の進捗
topic-relationships = 人間関係
topic-wellbeing = 心身の状態
topic-career = 今後のキャリア
topic-skills = スキルや力の向上
topic-private = プライベート
topic-policy = 会社や部署の方針
topic-other-plain = その他
response-advice = 具体的なアドバイスが欲しい
response-think_together = 一緒に考えてほしい
response-listen = 話を聞いてほしい
response-opinion = 意見を聞きたい
response-report = 報告したい
response-other = その他

## Finding mentors
cmd-find = `/mentor find [キーワード]` — テーマや知りたいことからメンターを探す
find-title-plain = メンターを探す
find-theme-label-plain = テーマ
find-theme-hint-plain = 空欄の場合はすべてのテーマから探します。
find-words-label-plain = 話したいこと・知りたいこと
find-words-hint-plain = テーマ名やメンターの回答に含まれる言葉（例: 育休、DX、TOEIC）
button-search-plain = 検索
results-title-plain = メンター
results-intro = { $query } のメンター：
results-all = すべてのテーマ
results-empty = { $query } に合う、空き時間のあるメンターは見つかりませんでした。言葉を減らす・短くする（例:「育休からの復帰」ではなく「育休」）、別のテーマを選ぶ、または時間をおいてお試しください。不在中や予約がいっぱいのメンターは表示されません。
button-request-plain = 1on1を依頼 — { $theme }
button-request-one-plain = 1on1を依頼
request-menu-plain = 1on1を依頼…
button-new-search-plain = 新しく検索
button-find-plain = メンターを探す

## Requesting
request-title-plain = 1on1を依頼
request-intro = *{ $mentor }* さんとの *{ $theme }* の1on1。時刻はあなたのタイムゾーン（{ $tz }）です。
request-slot-label-plain = 時間
request-day-label-plain = 日付
request-day-hint-plain = 空きのある日（あなたのタイムゾーン）。選ぶとその日の時間が表示されます。
request-topic-label-plain = トピック
request-other-label-plain = その他のトピック（「その他」を選んだ場合）
request-response-label-plain = 期待する対応
request-note-label-plain = メンターへのメモ（任意。共有メモの最初の記入になります）
button-send-plain = 依頼する
request-taken = ⚠️ その時間はたった今埋まりました。別の時間を選んでください（トピック・期待する対応・メモはそのままです）。
request-no-slots = このメンターには今後数週間の空き時間がありません。
request-busy = その時間にはすでに別の1on1があります。別の時間を選んでください。
request-sent-title-plain = 依頼しました
request-sent = { $mentor } さんに依頼を送りました。回答があればお知らせします。
request-confirmed = 確定しました（{ $mentor } さんは依頼を自動で承諾しています）。
request-summary = *{ $time }* — { $theme }
  トピック: { $topic }
  期待する対応: { $response }
request-note = メモ: { $note }
booking-self = 自分自身に1on1を依頼することはできません。
booking-unavailable = このメンターは現在このテーマの依頼を受け付けていません。
booking-forbidden = この1on1を変更できるのは当事者のみです。
booking-mentor-only = リクエストの承認・辞退はメンターだけが行えます。キャンセルや日時の変更はできます。
booking-not-found = この1on1は見つかりませんでした。
booking-already = この依頼はすでに { $status } です。
field-slot-unknown = 表示されている日時から選んでください。

## DMs about 1on1s
dm-request = { $mentee } さんから1on1の依頼が届きました。
dm-details = *{ $time }* — { $theme }
  トピック: { $topic }
  期待する対応: { $response }
dm-note = > { $note }
button-accept-plain = 承諾する
button-decline-plain = 辞退する
button-cancel-1on1-plain = キャンセル
button-reschedule-plain = 日時を変更
dm-confirmed = { $other } さんとの1on1が確定しました。
dm-confirmed-auto = { $other } さんとの1on1が確定しました（自動承諾）。
dm-declined = { $mentor } さんが依頼を辞退しました。
dm-declined-message = メッセージ: { $message }
dm-expired = { $mentor } さんと { $mentee } さんの1on1の依頼は、回答がないまま期限切れになりました。時間枠は空きに戻りました。
dm-cancelled = { $by } さんが1on1をキャンセルしました。
dm-moved = { $by } さんが1on1の日時を変更しました（変更前: { $from }）。
dm-reminder = ⏰ リマインド: { $other } さんとの1on1は { $time } からです。
dm-brief = 📝 { $mentee } さんとの1on1（{ $time }）の前に：{ $sessions ->
        [0] 今回が初めての1on1です。
       *[other] これまでに { $sessions } 回実施しています。
    }
dm-brief-memo = *共有メモ*
invite-comment = 📅 カレンダー招待 — 開くと1on1をカレンダーに追加できます。
invite-cancel-comment = 📅 カレンダーの更新 — 開くとキャンセルされた1on1をカレンダーから削除できます。
decline-title-plain = 依頼を辞退
decline-message-label-plain = メンティへのメッセージ（任意）
reschedule-title-plain = 日時を変更
reschedule-slot-label-plain = 新しい時間
booking-done-title-plain = 完了
booking-cancelled = 1on1をキャンセルしました。相手にお知らせします。
booking-moved = 1on1を { $time } に変更しました。相手にお知らせします。
booking-accepted = 承諾しました。お二人に確定のお知らせとカレンダー招待が届きます。
booking-declined = 辞退しました。メンティにお知らせします。
cancel-confirm-title-plain = この1on1をキャンセルしますか？
cancel-confirm-text-plain = 相手にお知らせし、時間枠は空きに戻ります。
button-keep-plain = キャンセルしない

## App Home: 1on1s
home-upcoming-header = *あなたの1on1*
home-upcoming-none = 予定されている1on1はありません。
home-one-line = *{ $time }* — { $theme }（{ $other } さん、{ $status }）
booking-status-requested = メンターの回答待ち
booking-status-confirmed = 確定
booking-status-declined = 辞退済み
booking-status-cancelled = キャンセル済み
booking-status-expired = 期限切れ
booking-status-started = 開始済み
home-waiting-header = *回答を待っている依頼*

## Admin: topics
button-topics-plain = トピック
topics-title-plain = トピック
topics-intro = 1on1の依頼時にメンティが選べるトピックです（既定の8つと「その他」に加えて表示されます）。
topics-name-label-plain = 新しいトピック
topics-none = 追加されたトピックはまだありません。

## issue 8: program office
button-add-topic-plain = トピックを追加
menu-rename-plain = 名前を変更
menu-retire-plain = 廃止
topics-added = ✅ 「{ $name }」を追加しました。メンティが1on1の依頼時に選べます。
topics-retired = 「{ $name }」を廃止しました。今後は選べませんが、このトピックの1on1には名前が残ります。
topic-rename-title-plain = トピック名の変更
topic-rename-label-plain = トピック名
topic-rename-hint-plain = 依頼済みの1on1には依頼時の名前が残ります。
home-mentor-theme-archived = *{ $theme }* — 事務局がアーカイブしました。メンティには表示されません。回答は保存されています。
theme-archived-fallback = テーマ「{ $theme }」がアーカイブされました
theme-archived-text = 事務局が *{ $theme }* をアーカイブしました。メンティには表示されないため、このテーマで1on1を依頼されることはありません。回答は保存されており、復元されると以前どおり表示されます。
theme-restored-fallback = テーマ「{ $theme }」が再開されました
theme-restored-text = 事務局が *{ $theme }* を復元しました。再びメンティに表示されます。このテーマでのあなたの状況はアーカイブ前と同じで、ホームで確認できます。

## issue 8: DMs redrawn once their buttons no longer apply
dm-closed-accepted = ✅ 承認済み: この1on1は確定しました。
dm-closed-declined = このリクエストは辞退されました。
dm-closed-expired = ⌛ このリクエストは回答がないまま期限切れになりました。
dm-closed-cancelled = ❌ この1on1はキャンセルされました。
dm-closed-moved = 🔁 この1on1は { $time } に変更されました。操作は新しいメッセージから行えます。

## issue 8: the calendar file in its reader's language
invite-topic = トピック: { $topic }
invite-response = 期待する対応: { $response }

## issue 9: the Home says how many rows it left out
home-more = …ほか { $count } 件。

## issue 9: admin screens
admin-role-granted = { $user } さんに{ $role }のロールを付与しました。
admin-role-already = { $user } さんはすでにそのロールを持っています。
admin-roles-own = （あなた）

## issue 9: booking screens
results-page-open = { $page } ページ目
results-page = { $page } / { $pages } ページ
request-topic-more-plain = ほか { $count } 件のトピックは一覧にありません。「その他」を選んで入力してください。

## issue 9: a mentor button on a stale Home says nothing changed
mentor-unchanged = *{ $theme }* は「{ $status }」のままです。変更はありません。

## issue 10: 1on1のあと（評価・実施の有無・次回・自動共有）
dm-after-mentee = 🌱 { $other } さんとの1on1はいかがでしたか？数秒で答えられます（回答がメンターに見えることはありません）。
dm-after-mentee-reminder = 🌱 念のためのご連絡です：{ $other } さんとの1on1はいかがでしたか？（これ以上はお送りしません）
dm-after-mentor = { $other } さんとの1on1は実施されましたか？
dm-after-mentor-reminder = 念のためのご連絡です：{ $other } さんとの1on1は実施されましたか？（これ以上はお送りしません）
dm-summary = 📋 { $mentor } さん（メンター）と { $mentee } さんの1on1のまとめです。
dm-summary-why = 事務局の自動共有の設定により、この1on1のまとめをお送りしています。
after-mentee-only = この1on1を評価できるのはメンティーだけです。
after-mentor-only = この1on1の実施の有無を記録できるのはメンターだけです。
after-next-mentee-only = 次の1on1を予約できるのは、この1on1のメンティーだけです。
after-not-confirmed = この1on1は確定していないため、回答することはありません。
after-not-ended = この1on1はまだ終わっていません。
after-already-answered = この1on1にはすでに回答済みです（最初の回答が有効です）。
after-not-held = メンターがこの1on1は実施されなかったと記録したため、評価はありません。
after-held-done = ありがとうございます。実施済みとして記録しました。自動共有の対象者にはまとめが届きます。
after-not-held-done = ありがとうございます。未実施として記録しました。評価の依頼は送られません。
rate-title-plain = 1on1はどうでしたか？
rate-intro = 1on1について数秒で教えてください。
rate-clarity-label-plain = スッキリ度
rate-clarity-1-plain = 1 — まったくスッキリしない
rate-clarity-2-plain = 2
rate-clarity-3-plain = 3
rate-clarity-4-plain = 4
rate-clarity-5-plain = 5 — とてもスッキリした
rate-got-label-plain = 期待した対応は得られましたか？
rate-got-yes-plain = はい
rate-got-partly-plain = 一部
rate-got-no-plain = いいえ
rate-comment-label-plain = コメント（任意）
rate-private = 🔒 回答が1件ずつメンターに見えることはありません。3件以上まとめた形でのみ使われます。
rate-clarity-missing = 1〜5から選んでください。
rate-got-missing = 「はい」「一部」「いいえ」から選んでください。
rate-comment-long = コメントが長すぎます。
rate-thanks = ありがとうございました。回答を保存しました。
button-book-next-plain = 次の1on1を予約
button-rate-plain = 評価する
button-held-plain = 実施した
button-not-held-plain = 実施しなかった
button-auto-share-plain = 自動共有
button-remove-plain = 削除
request-suggested = 💡 次回のおすすめ：*{ $topic }* × *{ $response }*（事務局の3回シリーズより）
share-title-plain = 自動共有
share-intro = 実施された1on1のまとめ（日時・ペア・テーマ・トピック・期待する対応・共有メモ。個人メモと評価は含みません）を、ほかに誰に送るかを設定します。テーマ *または* メンティーと、送付先を選んでください。
share-theme-label-plain = このテーマのすべての1on1
share-mentee-label-plain = またはこのメンティーのすべての1on1
share-recipient-label-plain = まとめの送付先
share-empty = 自動共有の設定はまだありません。
share-scope-theme = テーマ *{ $theme }*
share-scope-mentee = { $mentee } さんの1on1
share-rule-line = { $whose } → { $recipient }
share-more = { $count ->
   *[other] ほかに { $count } 件の設定があります。
}
share-added = 追加しました：{ $user } さんに今後まとめが届きます。
share-exists = { $user } さんにはすでにまとめが届く設定です。
share-removed = 削除しました：この設定によるまとめは今後届きません。
share-scope-one = テーマかメンティーのどちらか一方を選んでください。
share-recipient-missing = まとめの送付先を選んでください。
share-recipient-self = メンティー本人は自分の1on1を見られます。ほかの方を選んでください。

## issue 10: memos, TODOs and looking back
cmd-history = `/mentor history [@相手]` — 過去の1on1を振り返る（相手を指定するとその人との1on1だけ）
button-memo-plain = メモ
button-memo-edit-plain = 編集
button-todo-add-plain = TODOを追加
button-todo-done-plain = 完了
button-todo-delete-plain = 削除
button-history-plain = 振り返り
button-history-newer-plain = 新しい方へ
button-history-older-plain = 古い方へ
memo-title-plain = 1on1メモ
memo-about = *{ $time }* — { $theme }（{ $other } さん）
memo-shared-header = *共有メモ*
memo-shared-none = まだ何も書かれていません。
memo-audience-pair = 👥 読めるのはあなたと { $other } さんです。
memo-audience-shared = 👥 読めるのはあなたと { $other } さんです。実施済みの1on1のサマリーとして、自動共有先 { $count } 人にも送られます：
memo-audience-private = 🔒 読めるのはあなただけです。
memo-older = それより前の { $count } 件は表示していません。
memo-edited = _{ $by } さんが { $time } に編集（以前の版 { $count } 件を保存）_
memo-add-label-plain = 共有メモに追記
memo-private-header = *あなただけのメモ*
memo-private-label-plain = あなただけのメモ
memo-private-none = （なし）
memo-todos-header = *TODO*
memo-todos-none = 未完了のTODOはありません。
memo-entry-title-plain = 共有メモを編集
memo-entry-label-plain = 共有メモの内容
memo-entry-history = *以前の版*
memo-saved = 保存しました。メモの変更は誰にも通知されません。
memo-not-found = その1on1・メモ・TODOはもうありません。
memo-forbidden = この1on1のメモとTODOを見たり変えたりできるのは、1on1の二人だけです。
memo-closed = この依頼は1on1にならなかったため、メモはありません。
todo-title-plain = 新しいTODO
todo-text-label-plain = やること
todo-owner-label-plain = 担当
todo-owner-me-plain = 自分
todo-owner-other-plain = { $name } さん
todo-due-label-plain = 期限（任意・当日の朝にリマインドします）
todo-audience = このTODOは二人とも見られます。
todo-due-on = 期限 { $date }
todo-due-past = 期限に過去の日付は指定できません。
todo-saved = TODOを追加しました。
todo-done-saved = 完了にしました。
todo-deleted = TODOを削除しました。
todo-due = { $other } さんとの1on1のTODOの期限は今日です：
home-todos-header = *あなたのTODO*
history-title-plain = 振り返り
history-header = *過去の1on1*（新しい順）
history-header-with = *{ $other } さんとの過去の1on1*（新しい順）
history-none = 過去の1on1はまだありません。
history-row = *{ $time }* — { $theme }（{ $other } さん）
    トピック: { $topic } · 期待する対応: { $response }
history-held = 実施済み
history-not-held = 未実施
history-unknown-partner = その人との過去の1on1はありません。`/mentor history @名前` のようにメンションしてください。
memo-date = { $year }年{ $month }月{ $day }日({ $weekday })

# Shared wording
button-rate-send-plain = 送信する
# Between the names of a list (「Aさん、Bさん」).
list-separator-plain = 、
## issue 10: recurring series and nudges
cmd-nudges = `/mentor nudges [on|off]` — 予約の声かけ・依頼への返答リマインドのオン／オフ
series-every-label-plain = 繰り返し
series-once-plain = 1回だけ
series-every-plain = { $weeks ->
    [1] 毎週
   *[other] { $weeks }週ごと
}
series-count-label-plain = 合計回数（繰り返す場合 2〜{ $max }）
series-every-invalid = 繰り返しの間隔を一覧から選んでください。
series-count-unreadable = 回数を 2〜{ $max } の数字で入力してください。
series-count-range = 繰り返しは 2〜{ $max } 回です。
series-sent = { $mentor } さんに { $count } 回分の依頼を送りました。承認されると、それぞれが1件の1on1になります。
series-sent-confirmed = { $mentor } さんとの { $count } 回分の1on1を予約しました。
series-occurrence = { $time }
series-occurrence-moved = { $time } — 希望の { $wanted } は空いていなかったため変更
series-left-out = { $wanted } — 近くに空き枠がないため含めていません
dm-series-request = { $mentee } さんから *{ $theme }* の繰り返し依頼です（{ $weeks ->
    [1] 毎週
   *[other] { $weeks }週ごと
}・{ $count } 回、時刻はあなたのタイムゾーン）：
dm-series-topic = トピック：{ $topic }・期待する対応：{ $response }
dm-series-accepted = { $mentor } さんが *{ $theme }* の繰り返し（{ $count } 回）を承認しました：
dm-series-booked-auto = { $mentor } さんとの *{ $theme }* の繰り返し（{ $count } 回）を予約しました：
dm-series-booked-mentor = { $mentee } さんが *{ $theme }* の繰り返し（{ $count } 回）を予約しました：
dm-series-each = それぞれが独立した1on1です（リマインドも個別）。変更・キャンセルはホームから1件ずつできます。
dm-series-expired = { $mentor } さんと { $mentee } さんの *{ $theme }* の繰り返し依頼は、回答がないまま期限切れになりました。時間枠は空きに戻りました。
dm-series-declined = { $mentor } さんが *{ $theme }* の繰り返し依頼を辞退しました。
series-accepted-reply = 繰り返しを承認しました。1件ごとにリマインドとカレンダー招待が届きます。
series-declined-reply = 繰り返しを辞退しました。メンティーに通知します。
button-series-accept-plain = まとめて承認
button-series-decline-plain = まとめて辞退
dm-nudge-rebook = { $mentor } さんとの前回の1on1（*{ $theme }*、{ $last }）から { $weeks } 週間たちました。次の1on1を予約しませんか？
dm-nudge-pending = { $mentee } さんの *{ $theme }*（{ $time }）の依頼が1日以上返答待ちです。
dm-nudge-pending-series = { $mentee } さんの *{ $theme }* の繰り返し依頼（初回 { $time }）が1日以上返答待ちです。
dm-nudge-off-hint = _不要な場合は、ここ・ホーム・`/mentor nudges off` でオフにできます。_
button-book-again-plain = もう一度予約する
button-nudges-off-plain = 声かけをオフ
button-nudges-on-plain = 声かけをオン
button-nudge-settings-plain = 声かけの設定
home-nudges-on = *声かけ* はオンです：しばらく1on1がないときの予約の声かけと、返答待ちの依頼のリマインドが届きます。
home-nudges-off = *声かけ* はオフです。
nudges-now-on = 声かけをオンにしました。
nudges-now-off = 声かけをオフにしました。ホームまたは `/mentor nudges on` でオンに戻せます。
nudges-usage = `/mentor nudges off` または `/mentor nudges on` と入力してください。
admin-nudges = *声かけ*：1on1が { $weeks } 週間ないメンティーに「もう一度予約する」のDMを1回、1日以上返答待ちの依頼はメンターに1回リマインドします。
nudge-settings-title-plain = 声かけ
nudge-settings-intro = 前回の1on1から何週間、予約がないときにメンティーへ「もう一度予約する」のDMを送るか（期間ごとに1回）。
nudge-weeks-label-plain = 1on1がない週数（1〜{ $max }）
nudge-weeks-invalid = 1〜52 の整数で週数を入力してください。
nudge-settings-saved = 保存しました：1on1が { $weeks } 週間ないメンティーに声かけします。
booking-series-waiting = この1on1は繰り返しの一部です。依頼メッセージから繰り返し全体を承認または辞退してください。
## 混雑時の応答
busy-try-again = 申し訳ありません、ただいま混み合っています。少し時間をおいてもう一度お試しください。


## メンターのインサイト・ヒント・プログラム分析（issue 11）
cmd-insight = `/mentor insight` — （メンター）トピック×期待する対応ごとの1on1の手応えを、プログラム全体と並べて表示
cmd-stats = `/mentor stats` — （事務局・アドバイザー）プログラムの分析
insight-not-mentor = インサイトとヒントはメンターのみ利用できます。
insight-not-office = プログラムの分析は事務局とアドバイザーのみ閲覧できます。
insight-outside-scope = そのテーマはあなたの担当範囲外です。必要な場合は事務局にご相談ください。
insight-not-advisor = その方はアドバイザーではありません（先にロールを付与してください）。
insight-tip-gone = そのヒントは存在しないか、すでに非表示です。
insight-tip-empty = ヒントを入力してください。
insight-tip-too-long = ヒントは { $max } 文字以内で入力してください。
insight-tip-unknown = トピックと期待する対応を一覧から選んでください。
button-insight-mine-plain = インサイト
button-insight-stats-plain = プログラム分析
button-insight-theme-plain = このテーマ
button-insight-tip-plain = ヒントを書く
button-insight-hide-plain = 非表示
button-insight-scope-plain = 担当テーマ
home-insight-header = *インサイト*
dm-brief-tips = *ほかのメンターからのヒント*
insight-figures = スッキリ度 { $clarity }・期待どおりの対応 { $got }%（{ $ratings }件）
insight-not-enough = まだ評価が足りません
insight-too-few = 3未満
insight-none = なし
insight-title-plain = インサイト
insight-intro = トピック×期待する対応ごとに、あなたの1on1の手応えをプログラム全体の平均と並べて表示します。個人が特定されないよう、評価が3件以上の組み合わせだけを表示します。
insight-strongest = 得意な組み合わせ：{ $cell }
insight-weakest = 伸びしろのある組み合わせ：{ $cell }
insight-empty = 評価のある1on1はまだありません。
insight-cell = *{ $cell }*
    あなた：{ $mine }
    プログラム全体：{ $program }
insight-more = 表示していない組み合わせ：{ $count }
insight-tip-title-plain = メンターへのヒント
insight-tip-intro = このトピックと期待する対応の1on1の前に、ほかのメンターに表示される短いヒントです。署名した場合のみ名前が表示されます。
insight-tip-topic-plain = トピック
insight-tip-response-plain = 期待する対応
insight-tip-body-plain = ヒント
insight-tip-signed-plain = 署名
insight-tip-sign-plain = 名前を表示する
insight-tip-saved = 保存しました。該当する1on1の前に、ほかのメンターに表示されます。
insight-tip-hidden = ヒントを非表示にしました。今後の事前メモには表示されません。
stats-title-plain = プログラム分析
stats-coverage-all = *全テーマ。* 評価が3件未満のグループは表示しません。
stats-coverage-scope = *担当テーマ（{ $count }件）。* 3未満のグループは表示しません。
stats-coverage-theme = *テーマ：{ $theme }*
stats-months = *申込月ごとの1on1*
stats-month-line = • { $month }：申込 { $requested }・実施 { $held }・キャンセル { $cancelled }・期限切れ { $expired }
stats-themes = *テーマ別*
stats-theme-line = *{ $theme }*（{ $category }）：申込 { $requested }・実施 { $held }
    評価：{ $ratings }
stats-categories = *カテゴリ別*
stats-category-line = • { $category }：申込 { $requested }・実施 { $held }
stats-load = *メンターの負荷（実施数）*
stats-at-cap = 現在上限に達しているメンター：
stats-never-booked = 一度も予約のない開始済みメンター：{ $count } { $people }
stats-without-mentor = *開始済みメンターのいないテーマ*
stats-top = *最も多いトピック×期待する対応*
stats-first = *新たに認定されたメンター（90日）*：{ $certified }人、うち1on1を実施 { $booked }人。最初の1on1までの平均日数：{ $days }
stats-tips = *メンター間のヒント*（新しい順）
insight-scope-title-plain = アドバイザーの担当
insight-scope-intro = { $advisor } さんが集計を見られるテーマ（メモ・自由記述・個人の評価・3未満のグループは表示しません）。
insight-scope-themes-plain = テーマ
insight-scope-saved = 保存しました：{ $advisor } さんの担当テーマは { $count } 件です。


## Surveys (issue 11)
admin-surveys = *サーベイ*：毎月の成長実感と独自の質問をメンティーにDMで送ります。結果・プレビュー・一時停止はこちら。
button-surveys-plain = サーベイ
button-survey-new-plain = 新しいサーベイ
button-survey-results-plain = 結果
button-survey-preview-plain = プレビュー
button-survey-pause-plain = 一時停止
button-survey-resume-plain = 再開
button-survey-answer-plain = 回答する
button-survey-send-plain = 送信
survey-list-title-plain = サーベイ
survey-list-empty = サーベイはまだありません。「新しいサーベイ」から作成できます。
survey-list-line = *{ $title }*  ·  `{ $schedule }`  ·  { $days }日間回答可
survey-paused = _（一時停止中）_
survey-paused-now = 一時停止しました。再開するまで新しい回はありません。
survey-resumed-now = 再開しました。次の回は予定どおり開きます。
survey-define-title-plain = 新しいサーベイ
survey-title-label-plain = タイトル
survey-schedule-label-plain = 実施タイミング（ワークスペースのタイムゾーン）
survey-schedule-hint-plain = first-weekday = 毎月最初の平日の10:00。またはcron式：秒 分 時 日 月 曜日（例：0 0 10 1 * *）
survey-open-days-label-plain = 回答期間（日数、1〜28）
survey-audience-label-plain = 送付対象
survey-audience-had-1on1-plain = 前回以降に1on1をしたメンティー
survey-audience-themes-plain = 選んだテーマのメンティー
survey-themes-label-plain = テーマ（「選んだテーマのメンティー」の場合）
survey-questions-label-plain = 独自の質問（1行に1問、最大{ $max }問）
survey-questions-hint-plain = scale: 質問（1〜5）・text: 質問・choice: 質問 | A | B。行頭に ? を付けると任意回答。成長実感は必ず最初に聞きます。
survey-title-invalid = タイトルを入力してください（100文字まで）。
survey-schedule-invalid = first-weekday か、6項目のcron式（秒 分 時 日 月 曜日）を入力してください。
survey-open-days-invalid = 1〜28の整数で日数を入力してください。
survey-audience-invalid = 送付対象を選んでください。
survey-audience-themes-missing = テーマを1つ以上選ぶか、1on1をしたメンティーを対象にしてください。
survey-questions-too-many = 質問は最大{ $max }問です（現在{ $count }問）。
survey-question-unreadable = { $line }行目が「scale:」「text:」「choice:」と質問の形になっていません。
survey-question-choices = { $line }行目：選択式の質問には | で区切った選択肢が2つ以上必要です。
survey-fields-invalid = 修正が必要な項目があります。
survey-not-found = そのサーベイはもうありません。
survey-not-yours = このサーベイはあなた宛てではありません。
survey-closed = このサーベイは締め切られました。回答は変更できません。
survey-answer-required = 回答してください。
survey-saved = 保存しました。回答者には次のように表示されます：
survey-preview-title-plain = プレビュー
survey-preview-intro = 回答者には次のように表示されます（各自の言語とタイムゾーンで）。
survey-answer-title-plain = サーベイ
survey-answer-intro = *{ $title }*：{ $closes }まで回答できます。それまでは回答を変更できます。
survey-growth-label-plain = 成長実感：どのくらい成長を実感しましたか？ 1 = まったく、5 = とても
survey-answered = ありがとうございます。回答を保存しました。{ $closes }まで変更できます。
survey-dm = サーベイ *{ $title }* に{ $closes }までにご回答ください。
survey-reminder-dm = リマインド：サーベイ *{ $title }* は{ $closes }に締め切られます。
survey-results-title-plain = サーベイ結果
survey-results-head = *{ $title }*
survey-results-hidden = 回答がまだ少ない（3件未満）ため表示しません。
survey-results-rate-label = *回答率*
survey-results-rate = *回答率*：{ $sent }人中{ $answered }人が回答（{ $percent }%）
survey-results-growth-label = *成長実感*
survey-results-distribution = *成長実感*：1: { $s1 } · 2: { $s2 } · 3: { $s3 } · 4: { $s4 } · 5: { $s5 }
survey-results-by-month = *月別*
survey-results-by-theme = *テーマ別*
survey-results-trend = { $label }：平均 { $avg }（{ $n }件）
survey-results-trend-hidden = { $label }：回答がまだ少ないため表示しません
survey-results-average = 平均 { $avg }
survey-results-texts = { $n }件（本文は管理者のみ表示）
survey-results-free-text = *{ $question }*（自由記述・管理者のみ）
survey-results-low = *成長実感が低い回答（{ $max }以下）・フォロー用*（管理者のみ）
survey-results-low-none = なし。
button-survey-export-plain = CSV
survey-export-queued = CSVファイル（回答と1on1統計）とグラフをボットとのDMにお送りします。
survey-export-answers-comment = サーベイの回答（CSV・BOM付きUTF-8、Excelでそのまま開けます）。
survey-export-one-on-ones-comment = 月別・テーマ別の1on1統計（CSV・BOM付きUTF-8）。3未満の件数は <3 と表示します。
survey-export-chart-comment = サーベイのグラフ：月別の成長実感と、月別の実施済み1on1数（3件未満の月は省略）。
survey-chart-growth = 成長実感（月平均・1〜5）
survey-chart-held = 月別の実施済み1on1数
survey-low-growth-label-plain = フォロー対象とする成長実感（この値以下、1〜4）
survey-low-growth-hint-plain = 該当する回答は結果に名前付きで表示されます（管理者のみ）。既定は2です。
survey-low-growth-invalid = 1〜4の整数を入力してください。
cmd-survey = `/mentor survey [on|off]` — 希望者向けサーベイの受け取りのオン／オフ
survey-audience-opted-in-plain = 受け取りを希望した全員（`/mentor survey on`）
survey-opt-in-now-on = サーベイの受け取りはオンです（希望者向けのサーベイが届きます）。`/mentor survey off` で止められます。
survey-opt-in-now-off = サーベイの受け取りはオフです。`/mentor survey on` でオンにできます。
survey-opt-in-usage = `/mentor survey on` または `/mentor survey off` と入力してください。
button-survey-edit-plain = 編集
survey-edit-title-plain = サーベイの編集
survey-edited = サーベイを保存しました。{ $revised ->
    [0] 回答済みの質問は変わっていません。
   *[other] 回答済みの質問が{ $revised }件変わりました。これまでの回答は回答時の文面のまま残り、今後は新しい文面で質問します。
}

## Microsoft Teams（カード、ダイアログ、アプリ パッケージ）
teams-someone = メンバー
teams-help-language = 時刻は *{ $tz }*、表示言語は *{ $language }* です（Teams の設定に従います）。
teams-cmd-home = `home` — ダッシュボードをここに表示（このチャットを開くと更新されます）
teams-button-open = 開く
teams-button-stop = メンターをやめる（メンティーに表示されなくなります）
teams-button-request = 1on1 を申し込む
teams-button-cancel-1on1 = 1on1 をキャンセル（お二人に通知されます）
teams-choose-one = 1つ選んでください。
teams-request-more-slots = 近い日時から表示しています。先の日時は日が進むと表示されます。
teams-decline-intro = お断りしたことをメンティーにお知らせします。メッセージを書いた場合は一緒に届きます。
teams-file-link = ファイル *{ $file }* の準備ができました。
teams-file-elsewhere = ファイル *{ $file }* は Slack またはサンドボックスのメンタープログラムからダウンロードできます（このアプリの Teams チャットではファイルを送れません）。
teams-button-download = ダウンロード
teams-button-meeting = Teams 会議を作成
teams-dm-note = メモ：{ $note }
teams-app-short = メンターを探し、1on1 を予約し、メモを残す。
teams-app-full = 社内のメンタープログラムを Teams で：テーマや話したいことからメンターを探し、トピックと期待する反応を添えて 1on1 を申し込み、リマインダーと会議リンクを受け取り、共有メモと TODO を残し、過去の 1on1 を振り返れます。
teams-command-help = あなたのロール、できること、コマンド
teams-command-find = メンターを探す：find、または find とことば（例：find 育休）
teams-command-home = ダッシュボード：1on1、回答待ちの申し込み、TODO
teams-command-hours = メンター向け：1on1 を受けられる時間
teams-command-history = 過去の 1on1 とメモを振り返る
teams-command-nudges = 再予約のリマインダーのオン・オフ（nudges on / nudges off）
teams-command-insight = メンター向け：トピックと反応ごとの 1on1 の手応え
teams-command-stats = 事務局・アドバイザー向け：プログラムの分析
teams-command-admin = 管理者向け：テーマ、質問、認定、ロール
teams-command-survey = サーベイを受け取る・やめる（survey on / survey off）

## Teams: the personal chat (issue 14)
teams-welcome-text = メンタープログラムのボットです。メンターを探し、話したいテーマと期待する反応を添えて 1on1 を予約でき、リマインドと会議のリンクをお送りします。*find* に続けてキーワード（例：find 育休）、使い方は *help* と入力してください。
teams-unknown-command = 「{ $word }」はわかりません。使い方は *help* と入力してください。
teams-unknown-command-suggest = 「{ $word }」はわかりません。*{ $suggestion }* のことですか？ 使い方は *help* と入力してください。
teams-open-in-dialog = このボタンは Teams ではまだ使えません。いまは Slack でお使いください。
teams-request-sent = 申し込みを送りました。メンターに通知され、返事があればここでお知らせします。
# Teams の運用：ボットが送れなくなった Teams の人（管理者のホーム）。
teams-ops-unreachable-count = *Teams：* ボットがメッセージを送れなくなった人が { $count } 人います。アプリを再インストールするよう依頼してください。
teams-ops-unreachable-reason = アプリをブロックまたはアンインストール
teams-ops-unreachable-row = • { $name }：{ $reason }（{ $when }）
teams-ops-unreachable-more = ほか { $count } 人

## Teams: 1on1 のその後（振り返り・辞退・日程変更・メモ・履歴・アンケート・ナッジ）
teams-more-decline-title = リクエストを辞退
teams-more-rate-title = 1on1 はいかがでしたか？
teams-more-reschedule-title = 1on1 の日程を変更
teams-more-todo-add = *TODO を追加*（追加しないときは空欄のまま）
teams-more-memo-todo-saved = 保存し、TODO を追加しました。メモの変更は誰にも通知されません。
teams-more-history-unknown = その方との過去の 1on1 はありません。Teams に表示される名前で入力してください（例: `振り返り 小林 加奈`）。
teams-more-survey-now-on = アンケートはオンです。希望者全員に送られるアンケートが届きます。止めるには `アンケート オフ` と入力してください。
teams-more-survey-now-off = アンケートはオフです。`アンケート オン` と入力するとオンになります。
teams-more-survey-usage = `アンケート オン` または `アンケート オフ` と入力してください。
teams-more-nudges-now-off = 声かけはオフです。ホームから、または `nudges on` と入力するとオンに戻せます。
teams-more-nudges-usage = `nudges off` または `nudges on` と入力してください。
teams-more-cmd-help = `help` — この使い方を表示
teams-more-cmd-find = `find [キーワード]` — テーマや知りたいことからメンターを探す
teams-more-cmd-hours = `hours` — 1on1の希望時間（メンター）
teams-more-cmd-history = `振り返り [名前]` — 過去の1on1を振り返る（相手を指定するとその人との1on1だけ）
teams-more-cmd-nudges = `nudges on` / `nudges off` — 予約の声かけ・依頼への返答リマインドのオン／オフ
teams-more-cmd-survey = `アンケート オン` / `アンケート オフ` — 希望者向けサーベイの受け取りのオン／オフ
teams-more-not-yet = *{ $command }*（事務局のコンソール）はいまは Slack でのみ使えます。Teams で使える機能は *help* で確認できます。
teams-insight-cmd-insight = `インサイト` — 話題 × 期待する対応ごとの 1on1 の手応えと、メンター向けのヒント（メンター）
teams-insight-cmd-stats = `統計` — 月・テーマ・メンターごとのプログラムの分析（事務局・アドバイザー）

## Teams: 事務局のコンソール（`admin`）
teams-admin-cmd = `管理` — 事務局のコンソール：テーマ、メンターの認定（事務局）
teams-admin-more-in-slack = その操作は Teams のコンソールにはありません。`admin` と入力してコンソールを開き直してください。
teams-admin-name-required = テーマ名を入力してください。
teams-admin-category-required = カテゴリを選んでください。
teams-admin-emails-label = 認定する人のメールアドレス（1 行に 1 件）
teams-admin-emails-unknown = { $count ->
        [one] このアドレスの人は Slack にも Teams にも見つかりません
       *[other] これらのアドレスの人は Slack にも Teams にも見つかりません
    }：{ $emails }。誰も認定していません。一覧を直してもう一度保存してください（Teams の人はボットに一度話しかけると見つかるようになります）。
teams-admin-theme-saved = テーマ「{ $name }」を保存しました。もう一度 管理 と入力するとコンソールを表示します。
teams-admin-role-email-label = 対象の人のメールアドレス
teams-admin-revoke-role = 取り消す：{ $name }（{ $role }）

## Teams：コンソールの自動共有（人はメールアドレスで指定）
teams-admin2-share-mentee-label-plain = またはこのメンティーのすべての1on1（メールアドレス）
teams-admin2-share-recipient-label-plain = サマリーを共有する相手（メールアドレス）


## Teams：個人チャットにファイルを添付して CSV 取り込み
teams-filein-how = このチャットで、メッセージに CSV ファイルを添付して（入力欄の下のクリップ）送ってください。まずファイル全体を確認し、問題があればすべて行番号つきで、なければ取り込み内容を *取り込む* ボタンとともにお見せします。ボタンを押すまで何も取り込まれません。同じファイルをもう一度取り込んでも何も変わりません。
teams-filein-sample-intro = ファイルの例:
teams-filein-sample =
    ユーザー,テーマ,開始済み
    kana@contoso.example,育休からの復帰,いいえ
    liam@contoso.example,育休からの復帰,はい
teams-filein-theme-tip = テーマの列がないファイルは、ファイルを添付するメッセージにテーマ名を書いてください。
teams-filein-preview = *{ $file }* を取り込めます: { $rows } 行 — 新たに認定 { $new } 人（DMでお知らせします）、認定済み { $already } 人（送信なし）、開始済みとして登録 { $started } 人。
teams-filein-preview-note = 「取り込む」を押すまで何も取り込まれません。
teams-filein-import-plain = 取り込む
teams-filein-cancel-plain = キャンセル
teams-filein-cancelled = キャンセルしました。何も取り込んでいません。
teams-filein-not-csv = *{ $file }* は CSV ファイルではありません。Excel で「CSV UTF-8」として保存し、そのファイルを添付してください。何も取り込んでいません。
teams-filein-admins-only = ファイルからメンターを取り込めるのはプログラム管理者だけです。何も変更していません。
teams-filein-host-refused = ❌ このファイルはダウンロードしませんでした。このボットがファイルを取得できる場所（TEAMS_FILE_HOSTS）に保存されていません。何も取り込んでいません。
teams-filein-expired = ❌ ファイルのリンクの有効期限が切れました。もう一度ファイルを添付してください。何も取り込んでいません。
teams-filein-too-large = ❌ ファイルが 20 MB を超えています。何も取り込んでいません。
teams-filein-changed = ❌ 確認したあとで *{ $file }* が変更されました。新しい版を確認するので、もう一度添付してください。何も取り込んでいません。
## Teams：プログラム分析の下のサーベイ結果（事務局、アドバイザーは担当テーマのみ）
teams-advisor-surveys-office = **サーベイ結果**
teams-advisor-surveys-scope = **サーベイ結果** — 担当テーマの回答のみです。3件未満のグループは表示せず、自由記述や氏名も表示しません。
teams-advisor-surveys-none = 表示できるサーベイ結果はまだありません。
## Teams：サーベイの出力をファイルとして OneDrive に保存（ファイルの同意）
teams-fileout-queued = 回答と1on1統計（CSV）、グラフ（PNG）をボットとのチャットにお送りします。それぞれ「許可」を押すと OneDrive に保存されます。
teams-fileout-saved = *{ $file }* を OneDrive に保存しました。下のメッセージから開けます。
teams-fileout-declined = 保存しませんでした。このファイルが必要なときは、サーベイ一覧（CSV）からもう一度依頼してください。
teams-fileout-offer-expired = 保存用のリンクの期限が切れたため、保存できませんでした。サーベイ一覧（CSV）からもう一度出力を依頼してください。
teams-fileout-not-yours = このファイルは別の方に送られたものです。何も変更していません。
advisor-surveys-office = *サーベイ結果*
advisor-surveys-scope = *サーベイ結果* — 担当テーマの回答のみです。3件未満のグループは表示せず、自由記述や氏名も表示しません。
