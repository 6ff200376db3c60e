# Организация, которая проводит опросы: её название на обоих языках во всех страницах и письмах
# берётся из этих двух строк (одинаковых в обеих локалях).
-org-en = COOMET
-org-ru = КООМЕТ
-org = { -org-ru }
app-name = Опросы { -org }
nav-campaigns = Кампании
nav-outbox = Исходящие
nav-logout = Выйти
switch-language = English

error-404 = Такой страницы нет, или ссылка недействительна.
error-410 = Срок действия ссылки истёк: опрос закрыт уже давно. Секретариат может прислать вам данные ответы.
error-403 = У вас нет прав на это действие.
error-413 = Отправлено слишком много данных.
error-400 = Запрос не удалось разобрать.
error-429 = Слишком много попыток. Подождите минуту и попробуйте снова.
error-500 = На нашей стороне произошла ошибка. Попробуйте позже; всё сохранённое вами цело.
error-503 = Сервис сейчас перегружен. Попробуйте ещё раз через несколько секунд; всё сохранённое вами цело.
error-disk-full = Сервис сейчас не может ничего сохранить: на сервере закончилось место на диске. Ничего не сохранено. Введённое вами осталось на предыдущей странице: вернитесь на неё в браузере, не закрывайте её и отправьте ещё раз через несколько минут.

respond-you-are = Вы отвечаете как { $name } ({ $email }).
respond-submitted-at = Ответ отправлен { $when }.
respond-can-change = Ответы можно изменить до закрытия опроса.
respond-last-saved = Последнее сохранение: { $when }, { $who }.
respond-deadline = Просим ответить до { $date }.
respond-errors-title = Некоторые ответы требуют внимания:
respond-save-draft = Сохранить черновик
respond-submit = Отправить
respond-submit-changes = Отправить изменения
required = обязательно

notice-closed = Опрос закрыт; изменить ответы больше нельзя.
notice-submitted = { $unit ->
    [contact] Спасибо: ваш ответ отправлен.
    [country] Спасибо: ответ вашей страны отправлен.
   *[institute] Спасибо: ответ вашего института отправлен.
}
notice-draft-saved = Черновик сохранён.
notice-submit-to-change = Этот ответ уже отправлен. Чтобы изменить его, нажмите «Отправить изменения».
notice-fix-errors = Ответ не отправлен. Исправьте отмеченные ниже ответы; всё введённое вами сохранено на странице.
notice-fix-errors-kept = Ответ не отправлен. Исправьте отмеченные ниже ответы. Всё введённое вами сохранено как черновик: к нему можно вернуться и позже.
notice-draft-with-errors = Черновик сохранён. Некоторые ответы пока неверны; их нужно исправить до отправки.
notice-conflict = Этот ответ сохранён ещё раз ({ $who }, { $when }) уже после того, как вы открыли анкету. Ваши изменения не сохранены, а ответы коллеги не потеряны: ваши ответы остались ниже, и для каждого вопроса, где ответы различаются ({ $count }), выберите, чей ответ сохранить, а затем сохраните снова.
notice-conflict-merged = Этот ответ сохранён ещё раз ({ $who }, { $when }) уже после того, как вы открыли анкету. Пока ничего не сохранено: строки, добавленные или изменённые каждым из вас, все есть в форме ниже, вместе с остальными вашими ответами. Проверьте их и сохраните ещё раз.
notice-conflict-choose = Для каждого вопроса в списке вверху выберите, оставить ли ваш ответ или принять ответ { $who }; пока ничего не сохранено.
conflict-title = Ваши ответы и ответы коллеги
conflict-yours = Ваш ответ
conflict-theirs = Сохранено: { $who }
conflict-empty = (нет ответа)
conflict-keep-mine = Оставить мой ответ
conflict-take-theirs = Принять ответ, сохранённый { $who }

choice-other = Другое
choice-other-specify = Уточните, пожалуйста
group-add-row = Добавить строку
grid-fill-label = Во всех строках без ответа «{ $column }» указать
grid-fill-apply = Применить к строкам без ответа
group-remove-row = Удалить строку

err-required = Ответьте, пожалуйста, на этот вопрос.
err-length = Сократите ответ до { $max } символов.
err-markup = Уберите, пожалуйста, разметку (текст в угловых скобках, например <b>) или управляющие символы.
err-integer = Введите целое число, например 12.
err-number = Введите число, например 2,5.
err-number-ambiguous = «{ $typed }» можно прочитать и как { $thousands }, и как { $decimal }: напишите { $thousands }, если это целое число, или { $decimal } (с точкой), если дробное.
err-min = Введите число не меньше { $min }.
err-max = Введите число не больше { $max }.
err-date = Введите дату в формате ГГГГ-ММ-ДД.
err-choice = Выберите один из предложенных вариантов.
err-other-required = Уточните, что означает «Другое».
err-min-rows = Добавьте не менее { $min } строк(и).
err-max-rows = Допускается не более { $max } строк.

login-title = Вход для сотрудников (секретариат и рецензенты)
login-email = Электронная почта
login-password = Пароль
login-submit = Войти
login-failed = Неверный адрес электронной почты или пароль.

dashboard-title = Опросы
dashboard-no-campaigns = Пока не открыто ни одного опроса.
dashboard-forms = Доступные анкеты
col-id = №
col-survey = Анкета
col-year = Год
col-status = Статус
col-closes = Закрывается
col-invited = Приглашено участников
col-drafts = Участников с черновиком
col-submitted = Участников ответили
col-unit = Участник
col-country = Страна
col-contacts = Контакты
col-updated = Последнее изменение
col-to = Кому
col-subject = Тема
col-created = В очереди с
col-sent = Отправлено

campaign-counts = Приглашено участников: { $invited }; с черновиком: { $draft }; отправили ответ: { $submitted }.
campaign-invite = Поставить в очередь приглашения новым контактам
campaign-send-mail = Отправить почту из очереди
campaign-units = Участники
campaign-indicators = Показатели
status-submitted = отправлен
status-draft = черновик
status-invited = приглашён
indicator-target = цель { $target }
indicator-met = достигнута
indicator-not-met = не достигнута
ind-col-invited = приглашено
ind-col-answered = ответили
ind-col-rate = доля, %
ind-col-units = участники
ind-col-rows = записи
ind-col-sum = всего
ind-col-total = всего

outbox-title = Исходящие письма
outbox-file-mode = не задан: письма записываются в файлы в каталоге данных; откройте письмо, чтобы прочитать его в том виде, в каком оно доставлено.
outbox-smtp-mode = Письма доставляются по SMTP.
outbox-empty = Писем нет.
message-links = Персональные ссылки в письме:
message-as-read = Как его видит получатель
message-as-read-hint = Текстовая и HTML-версия письма в том виде, в каком их показывает почтовая программа; место персональной ссылки обозначено.
message-source = Исходный текст письма
message-delivered = В доставленном виде
message-stored = В очереди (персональная ссылка добавляется при доставке)
flash-invitations-queued = Поставлено в очередь приглашений: { $count }.
flash-mail-sent = Отправлено: { $sent }; повторная попытка позже: { $retrying }; не доставлено: { $failed }.

mail-invitation-subject = Опрос { -org } «{ $survey }» { $year }: { $institute }
mail-greeting = Здравствуйте, { $name }!
mail-invitation-body = { $unit ->
    [contact] { -org } приглашает вас ответить на вопросы анкеты «{ $survey }» за { $year } год. Воспользуйтесь вашей персональной ссылкой ниже; учётная запись и пароль не нужны.
    [country] { -org } просит дать один ответ от страны ({ $institute }) на вопросы анкеты «{ $survey }» за { $year } год. Воспользуйтесь вашей персональной ссылкой ниже; учётная запись и пароль не нужны.
   *[institute] { -org } приглашает { $institute } ответить на вопросы анкеты «{ $survey }» за { $year } год. Воспользуйтесь вашей персональной ссылкой ниже; учётная запись и пароль не нужны.
}
mail-open-form = Открыть анкету
mail-deadline = Просим ответить до { $date }.
mail-invitation-shared = { $unit ->
    [contact] Этот ответ только ваш: приглашённые коллеги отвечают по своим ссылкам. Черновик можно сохранить и вернуться к нему в любое время.
    [country] Коллеги из вашей страны, получившие такое же приглашение, работают с тем же ответом. Черновик можно сохранить и вернуться к нему в любое время.
   *[institute] Коллеги из вашего института, получившие такое же приглашение, работают с тем же ответом. Черновик можно сохранить и вернуться к нему в любое время.
}
mail-signature = Секретариат { -org }

mail-reminder-subject = Напоминание: опрос { -org } «{ $survey }» { $year }: { $institute }
mail-reminder-body = { $unit ->
    [contact] Напоминаем, что вы ещё не отправили ответ на вопросы анкеты «{ $survey }» за { $year } год. Ваша персональная ссылка:
    [country] Напоминаем, что ответ страны ({ $institute }) на вопросы анкеты «{ $survey }» за { $year } год ещё не отправлен. Ваша персональная ссылка:
   *[institute] Напоминаем, что ответ { $institute } на вопросы анкеты «{ $survey }» за { $year } год ещё не отправлен. Ваша персональная ссылка:
}
mail-reminder-ignore = { $unit ->
    [contact] Если вы не хотите отвечать, просто проигнорируйте это письмо.
    [country] Если за вашу страну уже отвечает коллега, ничего делать не нужно: ответ общий, и напоминания прекратятся после его отправки.
   *[institute] Если за ваш институт уже отвечает коллега, ничего делать не нужно: ответ общий, и напоминания прекратятся после его отправки.
}
mail-confirmation-subject = Ответ получен: { $institute }, { $year }
mail-confirmation-body = { $unit ->
    [contact] Ваш ответ на вопросы анкеты «{ $survey }» за { $year } год отправлен { $when }. Ответы:
   *[other] Ответ { $institute } на вопросы анкеты «{ $survey }» за { $year } год отправлен { $by } { $when }. Ответы:
}
mail-confirmation-change = Ответы можно изменить до закрытия опроса:
mail-returned-subject = Просьба проверить: опрос { -org } «{ $survey }» { $year }: { $institute }
mail-returned-body = { $unit ->
    [contact] Секретариат { -org } вернул ваш ответ на вопросы анкеты «{ $survey }» за { $year } год на доработку с примечанием:
   *[other] Секретариат { -org } вернул ответ { $institute } на вопросы анкеты «{ $survey }» за { $year } год на доработку с примечанием:
}
mail-lost-link-subject = Ваши ссылки на опросы { -org }
mail-lost-link-body-one = Вы запросили свою персональную ссылку. Ссылка на открытую для вас анкету:
mail-lost-link-body-many = Вы запросили свои персональные ссылки. Ссылки на открытые для вас анкеты (всего: { $count }):
mail-lost-link-line = { $unit ->
    [contact] «{ $survey }» за { $year } год, ваш собственный ответ
    [country] «{ $survey }» за { $year } год, ответ страны: { $institute }
   *[other] «{ $survey }» за { $year } год, ответ { $institute }
}
mail-lost-link-until = { $standing ->
    [submitted] (ответ отправлен; его ещё можно изменить до { $date })
    [draft] (черновик сохранён; ответы принимаются до { $date })
   *[other] (ответы принимаются до { $date })
}
mail-lost-link-submitted = (ответ отправлен; его ещё можно изменить, пока опрос открыт)
mail-reminder-draft = Черновик ответов сохранён и ждёт: откройте ссылку, чтобы завершить его и отправить.
mail-reminder-note = Сообщение секретариата { -org }:
mail-lost-link-ignore = Если вы не запрашивали ссылки, просто проигнорируйте это письмо; каждая ссылка открывает только указанный ответ, а ссылки, отправленные ранее, больше не действуют.

flash-reminders-queued = Поставлено в очередь напоминаний: { $count }.
refused-reminder-note = Добавленный к напоминанию текст может содержать не более { $count } символов, без управляющих символов.
refused-no-unit = Выберите хотя бы одного адресата напоминания.
refused-reminder-plan = В расписании укажите дни до закрытия от 0 до 365 через запятую (например, 14, 7, 2), не более 20 напоминаний одному контакту и не более 60 дней между двумя.
refused-entry-letter = Укажите, по какому документу внесены ответы (например, «письмо института от 3 марта № 12/45»), одной строкой не длиннее { $count } символов.
refused-attachment-large = Файл больше { $size } МиБ; приложите файл поменьше (скан с меньшим разрешением или PDF).
refused-attachment-empty = Файл не выбран или пуст.
refused-report-text-long = Текст длиннее { $count } символов: сократите его; ничего не сохранено.
flash-report-texts-saved = Тексты отчёта сохранены.
flash-return-needs-note = Напишите примечание (до 2000 символов): что нужно исправить.
flash-return-not-submitted = Вернуть можно только отправленный ответ.
flash-returned = Ответ { $unit } возвращён; контактам отправляется письмо.
preview-name = Алекс Пример
preview-text = Текст
preview-html = HTML
remind-title = Напоминания
remind-who = Напоминание получат контактные лица каждого отмеченного здесь участника; эти участники ещё не отправили ответ:
remind-now = Напомнить сейчас
remind-chosen = Напомнить
remind-has-draft = сохранён черновик
remind-note = Ваш собственный текст (необязательно)
remind-note-hint = Не более { $count } символов. Он будет приведён в напоминании под заголовком «Сообщение секретариата» в письме каждому получателю так, как вы его написали.
remind-draft-told = Участнику с сохранённым черновиком в напоминании сообщается, что черновик ждёт отправки.
schedule-title = Автоматические напоминания
schedule-days = За сколько дней до закрытия
schedule-days-hint = Через запятую, например 14, 7, 2. Оставьте пустым, если автоматические напоминания не нужны.
schedule-max = Не более стольких напоминаний одному контакту
schedule-gap = Не менее стольких дней между двумя напоминаниями одному контакту
schedule-save = Сохранить расписание
flash-schedule-saved = Расписание автоматических напоминаний сохранено.
campaign-schedule = Автоматические напоминания: за { $days } дн. до закрытия, не более { $max } одному контакту, с промежутком не менее { $gap } дн.
campaign-schedule-none = Автоматических напоминаний нет.
campaign-schedule-next = Следующее: { $date }.
campaign-schedule-change = Изменить расписание
language-name = { $code ->
    [ru] русский
   *[en] английский
}
remind-none = Все приглашённые отправили ответы: напоминания не нужны.
remind-send = Поставить напоминания в очередь
action-cancel = Отмена
action-back = Вернуться к опросу
col-language = Язык
campaign-remind = Напомнить тем, кто не ответил…
campaign-preview = Просмотр писем
campaign-return = Вернуть на доработку
campaign-return-note = Что нужно исправить (будет отправлено контактам института)
kind-invitation = приглашение
kind-reminder = напоминание
status-returned = возвращён
respond-returned = Секретариат вернул этот ответ на доработку:
lost-title = Потеряли ссылку?
lost-intro = Введите адрес электронной почты, на который пришло приглашение. Если он есть в справочнике { -org }, мы отправим ваши персональные ссылки на открытые опросы.
lost-submit = Отправить ссылки
lost-sent = Если адрес { $email } есть в нашем справочнике, письмо со ссылками уже отправляется. Проверьте почту (и папку «Спам») через несколько минут.
ind-col-count = ответов
ind-col-mean = среднее
err-after = Это значение не может быть раньше, чем «{ $other }».
respond-prefilled = { $unit ->
    [contact] Для начала подставлены ваши ответы за { $year } год. Проверьте их, измените то, что изменилось, и сохраните: пока вы не сохраните, ничего не записывается.
    [country] Для начала подставлены ответы вашей страны за { $year } год. Проверьте их, измените то, что изменилось, и сохраните: пока вы не сохраните, ничего не записывается.
   *[institute] Для начала подставлены ответы вашего института за { $year } год. Проверьте их, измените то, что изменилось, и сохраните: пока вы не сохраните, ничего не записывается.
}
mail-digest-subject = { -org }: { $survey_ru } { $year } / { -org-en }: { $survey_en } { $year }
mail-digest-body = Ответы на вопросы анкеты { -org } «{ $survey }» за { $year } год в том виде, в каком их отправили институты:
campaign-digest = Сводка: разослать эти ответы всем контактам…
flash-digest-queued = Сводка поставлена в очередь для контактов: { $count }.
flash-digest-empty = Пока никто не отправил ответ: рассылать нечего.

# Words the engines write into tables and summaries.
word-other = Другое
word-others = Прочие
word-total = Всего
word-ceems = CEEMS
word-units-institute = институты
word-units-country = страны
word-units-contact = респонденты
word-not-given = { $what }: не указано
notice-busy = Сервис сейчас перегружен и не смог сохранить ответы. Ничего не потеряно: ваши ответы ниже. Пожалуйста, нажмите кнопку ещё раз через несколько секунд.
notice-disk-full = Сервис сейчас не может сохранить ответы: на сервере закончилось место на диске. На этот раз ничего не сохранено, но и ничего из введённого не потеряно: ваши ответы ниже. Пожалуйста, не закрывайте страницу и нажмите кнопку ещё раз через несколько минут.
flash-mail-woken = Отправка началась: в очереди писем: { $count }. Обновите страницу, чтобы следить за ними.
mail-deadline-changed-subject = Новый срок: опрос { -org } «{ $survey }» { $year }
mail-deadline-changed-body = { $standing ->
    [submitted] Срок ответа на опрос { -org } «{ $survey }» за { $year } год перенесён на { $date }. Ваш ответ уже отправлен; до { $date } его ещё можно изменить по вашей персональной ссылке:
    [draft] Срок ответа на опрос { -org } «{ $survey }» за { $year } год перенесён на { $date }. Черновик ваших ответов сохранён и ждёт отправки до этого дня. Ваша персональная ссылка:
   *[other] Срок ответа на опрос { -org } «{ $survey }» за { $year } год перенесён на { $date }. Пожалуйста, ответьте до этого дня. Ваша персональная ссылка:
}
login-wait = Слишком много неудачных попыток входа с этого адреса или для этой учётной записи. Подождите { $minutes } мин. и попробуйте снова.

password-too-short = Пароль должен содержать не менее 10 символов.
password-guessable = Этот пароль слишком легко подобрать: он распространён или составлен из слов, имён или дат. Хороший пароль — несколько не связанных между собой слов.

refused-unknown-form = Опроса «{ $form }» нет.
refused-year = Год должен быть между 2000 и 2100.
refused-exists = У этого опроса уже есть кампания за этот год (кампания { $id }).
refused-past-date = Дата закрытия { $date } уже прошла: выберите сегодняшний или более поздний день.
refused-closed = Кампания закрыта: сначала откройте её снова.
refused-open = Кампания открыта.
refused-has-answers = В кампании { $count } ответов, удалить её нельзя; закройте её.
refused-bad-date = Укажите дату как день календаря (ГГГГ-ММ-ДД).
new-title = Открыть кампанию
new-form = Опрос
new-year = Год
new-closes = Последний день приёма ответов
new-closes-hint = Необязательно. Контакты видят эту дату в каждом письме; напоминания приходят до неё.
new-show-audience = Показать, кто будет приглашён
new-audience = Будут приглашены контакты: { $count }. { $unit ->
    [country] Стран, за которые они отвечают: { $units }
    [contact] Каждый отвечает за себя
   *[institute] Институтов, за которые они отвечают: { $units }
}
new-confirm-text = Открыть «{ $survey }» за { $year } год? Приглашения ставятся в очередь только после нажатия «Поставить в очередь приглашения новым контактам» на странице кампании.
new-confirm = Открыть кампанию
col-name = Имя
col-email = Эл. почта
campaign-is-closed = Кампания закрыта ({ $when }): ответы не принимаются, напоминания не отправляются, ссылки показывают ответы только для чтения.
life-title = Срок, закрытие, удаление
life-extend = Новый последний день приёма ответов
life-extend-button = Перенести срок и сообщить всем контактам
life-close = Закрыть кампанию сейчас
life-close-hint = Ответы больше не принимаются; напоминания в очереди отменяются.
close-title = Закрыть «{ $survey }» { $year }?
close-ends = Закрытие сразу завершает работу всех респондентов:
close-drafts = участников с неотправленными ответами (черновик или возвращён на исправление): { $count }
close-silent = участников, которые ещё не ответили: { $count }
close-submitted = участников, отправивших ответы: { $count }
close-after = Их ссылки будут показывать ответы только для чтения, напоминания и приглашения в очереди будут отменены, сохранить больше ничего будет нельзя. Кампанию можно открыть снова с новым днём закрытия.
close-confirm = Закрыть кампанию
life-reopen-closes = Новый последний день (необязательно; контакты получат уведомление)
life-reopen = Открыть кампанию снова
life-delete = Удалить кампанию
life-delete-hint = Только пока никто не ответил.
flash-campaign-opened = Кампания открыта. Проверьте образцы писем, затем поставьте приглашения в очередь.
flash-campaign-closed = Кампания закрыта.
flash-campaign-reopened = Кампания снова открыта.
flash-campaign-extended = Срок перенесён; контактным лицам участников, которые ещё могут ответить или изменить ответ, отправляется по одному уведомлению.
flash-campaign-deleted = Кампания удалена.
filter-any = любой
filter-kind = Вид
filter-campaign = Кампания
filter-action = Действие
filter-actor = Кто
filter-apply = Отфильтровать
outbox-count = Подходящих писем: { $count } · страница { $page } из { $pages }
pager-label = Страницы
pager-previous = ← Новее
pager-next = Старше →
nav-staff = Сотрудники
nav-audit = Журнал действий
staff-title = Учётные записи сотрудников
staff-role = Роль
staff-actions = Действия
staff-you = вы
staff-active = активна
staff-inactive = отключена
staff-change-role = Сменить роль
staff-new-password = Новый пароль
staff-reset-password = Задать пароль
staff-deactivate = Отключить
staff-add = Добавить учётную запись
staff-first-password = Первый пароль
staff-password-rule = Не менее 10 символов; не распространённый пароль и не составленный только из слов, имён или дат. Хороший пароль — несколько не связанных между собой слов.
staff-exists = Учётная запись с этим адресом уже есть: измените её в списке выше.
staff-bad-email = Укажите правильный адрес электронной почты.
role-secretariat = Секретариат
role-reviewer = Рецензент
flash-staff-created = Учётная запись создана.
flash-staff-changed = Роль изменена; сеансы этой учётной записи завершены.
flash-staff-deactivated = Учётная запись отключена; её сеансы завершены.
flash-staff-password = Пароль задан; сеансы этой учётной записи завершены.
password-title = Смена пароля
password-current = Текущий пароль
password-new = Новый пароль
password-change = Сменить пароль
password-current-wrong = Текущий пароль указан неверно.
flash-own-password = Пароль изменён; другие ваши сеансы завершены.
audit-title = Журнал действий
audit-target = Над чем
audit-when = Когда
audit-detail = Подробности
audit-page = Страница { $page } из { $pages }, сначала новые
audit-empty = Пока ничего не записано.
audit-sign-in = вход
audit-sign-out = выход
audit-user-add = учётная запись создана
audit-user-change = учётная запись изменена
audit-user-deactivate = учётная запись отключена
audit-password-change = пароль изменён
audit-password-reset = пароль сброшен секретариатом
audit-form-publish = опубликована версия опроса
audit-list-publish = сохранена версия справочного перечня
audit-campaign-open = кампания открыта
audit-campaign-close = кампания закрыта
audit-campaign-reopen = кампания открыта снова
audit-campaign-extend = срок перенесён
audit-campaign-delete = кампания удалена
audit-invite = приглашения поставлены в очередь
audit-remind = напоминания поставлены в очередь
audit-remind-schedule = изменено расписание напоминаний
audit-digest = сводка поставлена в очередь
audit-response-return = ответ возвращён
audit-mail-send = отправка запущена
audit-mail-read = прочитано отправленное письмо
staff-created = Создана
campaign-status-open = открыта
campaign-status-closed = закрыта
response-answers = Ответы
response-other-language = Ответы на другом языке
response-none = Ответов пока нет.
response-history = История
history-draft = черновик сохранён
history-submitted = отправлено
history-returned = возвращено на исправление
history-accepted = принято секретариатом
history-entered-submitted = внесено и отправлено секретариатом по документу
history-entered-draft = внесено секретариатом как черновик по документу
response-version = Версия { $version }
response-question = Вопрос
response-before = Было
response-after = Стало
response-no-changes = Ни один ответ не изменился.
digest-title = Сводка ответов
digest-recipients = Получатели: { $count } контактов, на двух языках:
digest-already = Из них { $count } уже получили эту редакцию и не получат её снова.
digest-confirm = Поставить сводку в очередь
digest-to = Получатели
refused-not-circulated = Ответы этого опроса не предназначены для рассылки.
campaign-units-shown = Показано участников: { $count } из { $total }
mail-status-queued = в очереди
mail-status-sending = отправляется
mail-status-sent = отправлено
mail-status-failed = не доставлено
mail-status-cancelled = отменено
kind-confirmation = подтверждение
kind-returned = возврат
kind-lost-link = повторная ссылка
kind-digest = сводка
kind-deadline-changed = перенос срока

## Справочник
nav-directory = Справочник
directory-title = Справочник
directory-contacts = Контактные лица
directory-bounced = Недоставляемые адреса
directory-institutes = Институты
directory-add-institute = Добавить институт
directory-countries = Страны и их статус CEEMS
directory-ceems-hint = Показатели кампании разбиваются по статусу CEEMS каждой страны в году кампании. Статус, заданный на год, действует с этого года, пока более поздний год не задаст другой.
directory-ceems-default = статус на этот год отдельно не задан: действует статус более раннего года или статус страны по умолчанию
directory-set-status = Задать статус
col-acronym = Аббревиатура
col-kind = Тип
col-bounced = Недоставлено
col-membership = Членство
col-roles = Роли
ceems-yes = CEEMS
ceems-not = не CEEMS
form-has-errors = Исправьте отмеченные ниже поля; всё введённое сохранено.
save = Сохранить
flash-saved = Сохранено.
field-institute = Институт
field-name = Имя
field-email = Эл. почта
field-language = Язык
field-roles = Роли
field-acronym = Аббревиатура
field-country = Страна
field-name_en = Название на английском
field-name_ru = Название на русском
field-kind = Тип
contact-role-training = обучение
contact-role-legal-metrology = законодательная метрология
contact-role-research = исследования
contact-role-general = общие вопросы
contact-active = Активен: получает приглашения и напоминания
contact-active-hint = Снимите отметку для сотрудника, который ушёл: отправленные ему ссылки перестанут работать, история сохранится.
contact-bounced = адрес недоставляем
contact-bounced-notice = Почтовый сервер окончательно отклонил этот адрес { $date }. Исправьте адрес, чтобы снять отметку.
contacts-none = Контактных лиц нет.
contacts-add = Добавить контактное лицо
contacts-search = Имя или эл. почта
contacts-inactive-only = Только отключённые
contacts-count = Контактных лиц: { $count }
contacts-export = Скачать CSV
institute-edit = Исправить данные института
contact-missing = Это поле обязательно.
contact-too-long = Не более { $max } символов.
contact-formula = Не может начинаться с =, +, - или @ (электронные таблицы выполнят это как формулу).
contact-forbidden = Не может содержать < > и управляющие символы.
contact-not-email = Это не адрес электронной почты.
contact-language = Язык — ru или en, а не «{ $value }».
contact-role = Неизвестная роль «{ $value }» (training, legal-metrology, research, general).
contact-institute = Нет института с аббревиатурой «{ $value }».
contact-taken = У этого института уже есть контактное лицо с этим адресом.
contact-repeated = Этот институт и адрес уже встречались выше в файле.
institute-taken = Эта аббревиатура уже у другого института.
institute-country = Нет страны с кодом «{ $value }».
institute-kind = Тип — NMI или DI, а не «{ $value }».
import-title = Импорт контактных лиц
import-hint = CSV-файл (с разделителем запятая, точка с запятой или табуляция; в UTF-8 или Windows-1251) или книга Excel (её первый лист), первая строка которых называет столбцы
import-hint-active = Последний из них необязателен; одно из этих значений в нём отключает контактное лицо:
import-hint-match = Контактное лицо сопоставляется по институту и адресу: известное обновляется, новое добавляется. Ничего не импортируется до вашего подтверждения.
import-file = CSV-файл или книга Excel
import-paste = или вставьте текст CSV
import-check = Проверить файл
import-preview = Что сделает импорт
import-summary = Можно импортировать строк: { $good }; строк с ошибками (будут пропущены): { $bad }.
import-line = Строка
import-outcome = Результат
import-skipped = пропущена
import-new = новое контактное лицо
import-update = изменяет контактное лицо
import-same = без изменений
import-confirm = Импортировать строк: { $count }
import-cancel = Отмена
import-again = Проверить другой файл
import-not-utf8 = Файл не в кодировке UTF-8 или Windows-1251. Сохраните его из электронной таблицы как «CSV UTF-8» или загрузите саму книгу Excel.
import-bad-workbook = Книгу Excel не удаётся прочитать: она повреждена, распаковывается в слишком большой объём или на её первом листе больше 40 столбцов. Сохраните её заново или как «CSV UTF-8».
import-detected-csv = Прочитано как CSV в кодировке { $encoding ->
    [utf-8-bom] UTF-8 (с меткой порядка байтов)
    [windows-1251] Windows-1251
   *[utf-8] UTF-8
}, разделитель столбцов — { $delimiter ->
    [semicolon] точка с запятой
    [tab] табуляция
   *[comma] запятая
}.
import-too-large = Файл больше 2 МиБ, а контакты справочника занимают гораздо меньше. Разделите его или уберите столбцы, которые импорт не читает.
import-detected-xlsx = Прочитано как книга Excel: её первый лист, «{ $sheet }».
import-elsewhere = Этот адрес есть и у контактного лица { $institutes }.
import-empty = Файл пуст.
import-not-csv = Файл не читается как CSV: { $why }
import-missing-column = В строке заголовков нет столбца «{ $column }».
import-too-many = Не более { $max } строк в одном файле.
flash-imported = Импортировано: новых { $created }, изменено { $updated }, пропущено { $skipped }.
audit-response-accept = ответ принят
audit-response-enter = ответ внесён секретариатом
audit-response-attach = к ответу приложен файл
audit-report-write = написаны тексты отчёта
audit-country-status = задан статус CEEMS
audit-institute-add = институт добавлен
audit-institute-change = институт изменён
audit-contact-add = контактное лицо добавлено
audit-contact-change = контактное лицо изменено
audit-contact-import = контактные лица импортированы
audit-contact-export = контактные лица выгружены
audit-handover-confirm = коллега подтверждён
audit-handover-decline = коллега отклонён
handovers-title = Коллеги, предложенные респондентами
respond-unit-country = Один ответ от страны: { $country }
respond-unit-contact = Ваш личный ответ
respond-accepted = Секретариат { -org } принял эти ответы { $when }. Изменить их здесь больше нельзя; если нужно что-то исправить, напишите в Секретариат.
notice-accepted = Секретариат принял эти ответы; изменить их больше нельзя.
response-accept = Принять ответ
response-accepted = Принят: { $who }, { $when }
flash-accepted = Ответ принят; по ссылке ответы теперь видны только для чтения.
flash-accept-nothing = Нет отправленного ответа, который можно принять.
pass-link = Отвечать должен другой сотрудник? Передайте анкету коллеге
pass-title = Передать анкету коллеге
pass-intro = Укажите, кто должен отвечать. Секретариат { -org } подтвердит замену и после этого отправит коллеге персональную ссылку на тот же ответ; до этого ничего не отправляется. Ваша ссылка продолжит работать, если Секретариат не узнает, что вы больше не работаете в институте.
pass-intro-personal = Укажите, кто должен отвечать. На этот опрос каждый отвечает сам за себя: после подтверждения Секретариатом { -org } коллега получит персональную ссылку на собственную анкету, а ваши ответы останутся вашими и никому больше не видны. До этого ничего не отправляется.
pass-name = Имя коллеги
pass-email = Эл. почта коллеги
pass-language = Язык писем коллеге
pass-note = Примечание для Секретариата (необязательно)
pass-submit = Предложить этого коллегу
pass-done = Спасибо. Секретариат подтвердит и отправит ссылку: { $name }.
pass-back = Вернуться к анкете
pass-bad-note = Примечание — не более 1000 символов, без управляющих символов.
pass-themselves = Это ваш собственный адрес: укажите адрес коллеги.
pass-too-many = Уже три коллеги ждут ответа Секретариата; пожалуйста, дождитесь его.
handovers-intro = Респонденты, которые не должны отвечать сами, предлагают коллегу; после подтверждения коллега добавляется в справочник с ролями предложившего и получает ссылку на тот же ответ (в опросе, где каждый отвечает сам за себя, — на собственный ответ). Ожидают: { $count }.
handovers-colleague = Коллега
handovers-proposed-by = Кто предложил
handovers-none = Коллег пока не предлагали.
handover-pending = ожидает
handover-confirmed = подтверждено
handover-declined = отклонено
handover-retire = { $name } больше не работает: отключить
handover-confirm = Подтвердить и пригласить
handover-decline = Отклонить
flash-handover-confirmed = { $name }: контакт добавлен в справочник и приглашён.
flash-handover-declined = Предложение отклонено.
flash-handover-decided = По этому предложению решение уже принято.
dashboard-handovers = Коллеги, предложенные респондентами, ждут вашего решения: { $count }
remind-done-today = Контактным лицам ({ $count }) уже напомнили сегодня; второе напоминание в тот же день не отправляется.
remind-earlier = Прежние напоминания
remind-times = напоминаний: { $count }, последнее { $date }
status-accepted = принят
word-text = текст
export-col-unit = Участник
export-col-institute = Институт
export-col-country = Страна
export-col-ceems = CEEMS
export-col-status = Статус
export-col-submitted_at = Отправлен
export-col-updated_at = Последнее изменение
export-col-row = Строка
export-indicators = Показатели
export-sheet-responses = Ответы
export-title = Скачать ответы
export-csv-names = CSV со столбцами по именам вопросов
audit-export = ответы выгружены
audit-review-export = ответы выгружены рецензентом
out-campaign = кампания
out-survey = опрос
out-year = год
out-indicator = показатель
out-codes = коды
out-row = строка
out-column = столбец
out-value = значение
out-headline = итоговое значение
out-met = выполнено
out-not-met = не выполнено
contact-state-active = действует
contact-state-inactive = отключено
filter-any-country = любая
col-institute-name = Название

# The read API's tokens
nav-api = API
tokens-title = Токены API для чтения
tokens-intro = Программы читают кампании, ответы и показатели через API по токену; изменить через него ничего нельзя. Описание API:
tokens-made = Токен «{ $name }» создан. Скопируйте его сейчас: он показывается один раз, хранится только его отпечаток.
tokens-secret = Токен
tokens-use = Передавайте его в заголовке «Authorization: Bearer …» по адресу { $url }.
tokens-name = Название
tokens-scope = Доступ
tokens-made-by = Создал
tokens-last-used = Последнее использование
tokens-never = не использовался
tokens-live = действует
tokens-revoked = отозван { $date }
tokens-revoke = Отозвать
tokens-revoke-named = Отозвать токен «{ $name }»
tokens-none = Токенов нет.
tokens-add = Создать токен
tokens-scope-rule = «Как у рецензента» — только отправленные ответы, а в опросах, на которые отвечает каждый сотрудник, без указания, кто ответил; «Всё» — то же, что видит секретариат, включая черновики и имена.
token-scope-read = всё
token-scope-review = как у рецензента
token-name-bad = Название токена — от 1 до { $count } символов.
flash-token-revoked = Токен отозван: программы, которые им пользуются, больше не получат данных.
audit-api-token-create = создан токен API
audit-api-token-revoke = отозван токен API

# The reviewers' workspace
nav-review = Результаты
review-title = Результаты опросов
review-intro = Все опросы с их кампаниями по годам. Откройте год, чтобы увидеть показатели в таблицах и диаграммах, те же показатели по годам и файлы для загрузки.
review-campaigns-of = Кампании опроса «{ $survey }»
review-invited = Приглашено
review-submitted = Отправили
review-rate = Доля ответивших
review-no-campaign = Кампаний пока нет.
review-answered = Отправили { $submitted } из { $invited } ({ $rate })
review-anonymous = На этот опрос каждый отвечает за себя, и для рецензентов он анонимен: ни имён, ни адресов, ни одного показателя, за которым меньше { $count } ответов.
review-downloads = Загрузка
review-xlsx = Таблица (XLSX): ответы и показатели
review-xlsx-indicators = Таблица (XLSX): показатели
review-downloads-personal = Каждый ответ на этот опрос — ответы одного человека, поэтому рецензенты видят его только через показатели, а не по строкам; ответы хранит Секретариат { -org }.
review-csv = CSV (ZIP-архив, если в опросе есть таблицы строк)
review-json = JSON вместе с формой, по которой отвечали
review-downloads-hint = Только отправленные ответы; подсчёт по ним вручную даёт показатели ниже.
review-table-of = Значения показателя «{ $name }»
review-no-rows = Отправленных ответов пока нет.
review-answered-all = Ответили все отправившие: { $n }
review-answered-blank = Ответили: { $n }, оставили без ответа: { $blank }
review-no-rows-blank = Никто из отправивших не ответил на этот вопрос.
review-withheld = Не показано, меньше { $count } ответов: { $rows }.
review-years = «{ $name }» по годам
review-value = Значение
review-change = Изменение к предыдущему году
review-rate-before = годом ранее: { $rate }
review-report-of = отчёт за { $year } год
review-reports = Годовые отчёты
report-title = Опросы { -org }: отчёт за { $year } год
report-intro = Все опросы { $year } года: доля ответивших, показатели в таблицах и диаграммах, каждый показатель рядом с предыдущими годами.
report-contents = Содержание
report-missing = В этом году не проводились:
report-print-hint = Напечатайте страницу или сохраните её в PDF из меню браузера: при печати навигация не выводится, а каждый опрос начинается с новой страницы.
report-org = { -org } — Евро-Азиатское сотрудничество государственных метрологических учреждений
report-produced = Подготовлен { $date }
report-preface = Предисловие
report-texts-edit = Написать предисловие и комментарии
report-texts-title = Отчёт за { $year } год: предисловие и комментарии
report-texts-hint = Каждый текст в разметке Markdown (**полужирный**, _курсив_, списки, ссылки, # заголовки), не более { $count } символов; текст, оставленный пустым на одном языке, показывается на другом. Показатели вычисляются: здесь пишутся только эти тексты.
report-texts-save = Сохранить тексты
report-texts-cancel = Вернуться к отчёту
report-texts-invalid = Тексты не удалось прочитать; ничего не сохранено.
roadmap-title = Показатели дорожной карты
roadmap-intro = Все показатели дорожной карты Стратегии { -org } с данными опросов, из которых они складываются, по годам; значение ведёт к своей кампании. Дорожная карта охватывает 2020-2025 годы; в последующие годы её показатели продолжают отслеживаться теми же опросами. Показателей, которые опросы не измеряют: { $unfed } — их значения дают другие источники мониторинга.
roadmap-fed-by = Показатель опроса
roadmap-target = Цель
roadmap-nothing = ответов пока нет
roadmap-blank = никто не ответил
roadmap-unfed = Этот показатель опросами не измеряется: его значения дают другие источники мониторинга.
roadmap-no-target = в дорожной карте не задана
roadmap-after = после дорожной карты
roadmap-top = { $label } — { $figure }
review-roadmap-link = Показатели дорожной карты по годам
match-intro = Отправленные строки опроса «{ $with }» того же года, подходящие для потребности: { $rules }.
match-pairs = Каждая потребность с подходящими предложениями
match-need = Потребность
match-fits = Подходящие предложения
match-none = Пока ни одно предложение не подходит ни к одной потребности.
match-unmatched = Потребности без подходящих предложений
match-all-fit = Для каждой потребности есть предложение.
match-unused = Предложения, на которые нет потребности
match-all-used = Каждое предложение подходит к какой-либо потребности.
match-no-campaign = По опросу «{ $with }» в этом году кампании нет: сопоставлять пока не с чем.
match-rule-same = совпадает «{ $what }»
match-rule-among = «{ $what }» потребности есть в предложении
match-rule-host = принимающий институт из названных в потребности, если они названы
match-beyond = { $label }: { $places }, а подходящие потребности ({ $needs }) запрашивают { $asked }
match-over = Предложения, на которые запрошено больше, чем они вмещают
match-over-none = Ни на одно предложение не запрошено больше, чем оно вмещает.
mail-digest-fits = Предложения, подходящие для потребностей вашего института в стажировках (та же область, предлагаемый язык, названный вами принимающий институт):
mail-digest-all = Ниже — все предложения.
review-chart-shows = Столбцы показывают: { $what }.
review-files-chart = Скачать диаграмму
review-files-table = Скачать таблицу
files-group = Группа
files-text = Текст
files-by = Кем написано
files-match-row = Строка
files-need-of = Кому нужно
files-offer-of = Кто предлагает
files-offer = Предложение
files-capacity = Вместимость
files-fits = подходит
roadmap-code = Код
roadmap-indicator = Показатель дорожной карты
roadmap-survey = Опрос
review-points = { $n } п. п.
review-answered-short = отправили { $submitted } из { $invited } ({ $rate })
report-still-open = Эта кампания ещё открыта: её показатели могут измениться до закрытия.
review-year-table-shows = { $what } по годам
outbox-link-marker = [персональная ссылка, создаётся при отправке]
sessions-title = Активные сеансы
sessions-hint = Все браузеры, в которых выполнен вход в вашу учётную запись. Завершите незнакомые или оставленные на другом компьютере сеансы; смена пароля завершает их все.
sessions-started = Вход выполнен
sessions-last-seen = Последнее действие
sessions-from = С адреса
sessions-browser = Браузер
sessions-action = Действие
sessions-this = Этот сеанс
sessions-end = Завершить этот сеанс
sessions-end-others = Завершить все остальные сеансы
flash-sessions-ended = Завершено сеансов: { $count }.
audit-session-end = завершены другие сеансы
audit-second-factor-on = подключён второй фактор
audit-second-factor-off = второй фактор отключён
audit-second-factor-reset = второй фактор сброшен оператором
audit-recovery-codes-new = созданы новые резервные коды

# Второй фактор (TOTP) для сотрудников.
factor-title = Второй фактор (приложение-аутентификатор)
factor-off-hint = Сейчас для входа нужен только пароль. С приложением-аутентификатором на телефоне (Aegis, FreeOTP, Google или Microsoft Authenticator и другие) вход потребует ещё шестизначный код из приложения, и украденного пароля будет недостаточно.
factor-required = Для учётных записей вашей роли вход со вторым фактором обязателен: подключите его, чтобы продолжить. До этого открывается только эта страница.
factor-begin = Подключить приложение-аутентификатор
factor-on = Подключён с { $since }. Осталось резервных кодов: { $count }.
factor-code = Шестизначный код из приложения
factor-new-codes = Создать новые резервные коды
factor-remove = Отключить второй фактор
factor-remove-refused = Для учётных записей вашей роли второй фактор обязателен, отключить его нельзя. Если телефон утерян, оператор может его сбросить.
factor-setup-title = Подключение приложения-аутентификатора
factor-step-scan = В приложении-аутентификаторе добавьте учётную запись и отсканируйте этот код.
factor-step-type = Если сканировать не получается, введите ключ ниже (по времени, 6 цифр).
factor-step-confirm = Введите шестизначный код, который сейчас показывает приложение, для подтверждения.
factor-qr-label = QR-код с адресом настройки для приложения-аутентификатора
factor-key = Ключ для ввода вместо сканирования
factor-address = Адрес настройки
factor-confirm = Подтвердить
factor-later = Не сейчас
factor-code-wrong = Код неверен. Проверьте, что часы телефона идут верно, и введите код, который приложение показывает сейчас.
codes-title = Ваши резервные коды
codes-intro = Если телефон будет утерян, каждый из этих кодов один раз заменит код из приложения при входе. Распечатайте их или сохраните в надёжном месте: они показываются только сейчас, а новые коды отменяют эти.
codes-done = Коды сохранены: вернуться к учётной записи
flash-factor-on = Второй фактор подключён. Теперь при входе нужен код из приложения.
flash-factor-off = Второй фактор отключён. Для входа нужен только пароль.
flash-recovery-code-used = Вы вошли по резервному коду; осталось { $count }. Создайте новые ниже, если их мало, и подключите приложение заново, если телефон утерян.
login-code-title = Код из приложения-аутентификатора
login-code = Код
login-code-hint = Введите шестизначный код, который приложение показывает для COOMET surveys, или один из резервных кодов.
login-code-submit = Войти
login-code-back = Начать заново
login-code-wrong = Код неверен или уже использован. Введите код, который приложение показывает сейчас.

# The secretariat entering answers on an institute's behalf, and files received
entry-open = Внести ответы по письму института
entry-open-hint = Для института, ответившего письмом, по электронной почте или файлом Word: та же форма, сохраняется от вашего имени с указанием письма.
entry-intro = Вы вносите ответы от имени этой единицы: каждое сохранение записывается от вашего имени с указанием документа, по которому внесены ответы.
entry-back = Вернуться к ответу
entry-letter = Внесено по документу
entry-letter-hint = По какому документу внесены ответы, как это будет записано в истории: например, «письмо института от 3 марта № 12/45».
notice-entry-letter = Ничего не сохранено: укажите, по какому документу внесены ответы. Всё введённое сохранилось на странице.
flash-entered-submitted = Ответы внесены и отправлены от имени института; его контактам отправлено подтверждение.
flash-entered-draft = Ответы сохранены как черновик от имени института.
flash-attached = Файл { $name } сохранён вместе с ответом.
files-title = Полученные файлы
files-none = К этому ответу файлы не приложены.
files-add = Приложить файл, присланный институтом
files-hint = Письмо, скан или файл Word не более { $size } МиБ; открыть его может только секретариат.
files-attach = Приложить
actor-cli = оператор (командная строка, { $user })
actor-seed = установка (собственные файлы службы)
membership-name = { $code ->
    [full] полноправный член
    [associate] ассоциированный член
   *[other] { $code }
}

# The questionnaire on paper, and the record after submitting
paper-how = Чтобы распечатать анкету или сохранить её в файл PDF, воспользуйтесь командой браузера «Печать». Кнопки и эти строки в распечатку не попадут.
paper-download = Скачать как документ Word
paper-answered = Экземпляр с ответами
paper-blank = Пустая анкета
paper-back = Назад
paper-blank-note = Пустой экземпляр для рассылки: впишите ответы от руки, затем внесите их в онлайн-форму.
paper-required = обязательно
paper-tick-one = Отметьте один вариант.
paper-tick-several = Отметьте все подходящие варианты.
paper-row-number = №
paper-page = Страница
paper-only-if = Только если на вопрос «{ $question }» дан ответ «{ $answer }».
paper-other = Другое (укажите): ____________
paper-print = Анкета для печати
paper-print-blank = пустая
paper-print-answered = с ответами
record-change = Изменить ответы
record-print = Ответы для печати
record-next-title = Что дальше
record-next = { $unit ->
    [contact] Копия ваших ответов отправлена вам по электронной почте. Изменить их можно до закрытия опроса { $date }; после этого Секретариат проверит ответы, а результаты получат эксперты ТК 4 и Комитет { -org }.
    [country] Копия этих ответов отправлена контактным лицам вашей страны по электронной почте. Изменить их можно до закрытия опроса { $date }; после этого Секретариат проверит ответы, а результаты получат эксперты ТК 4 и Комитет { -org }.
   *[institute] Копия этих ответов отправлена контактным лицам вашего института по электронной почте. Изменить их можно до закрытия опроса { $date }; после этого Секретариат проверит ответы, а результаты получат эксперты ТК 4 и Комитет { -org }.
}
record-answers = Ответы
record-none = Ответов не дано.
record-submitted = Отправлено { $when }, отправил(а): { $who }.
record-draft = Не отправлено: черновик, последнее сохранение { $when }, сохранил(а): { $who }.

# Last year's answer beside this year's
before-answer = { $year }: { $answer }
before-large = больше чем вдвое выше или ниже ответа того года: проверьте его (его можно оставить как есть)
record-next-undated = { $unit ->
    [contact] Копия ваших ответов отправлена вам по электронной почте. Изменить их можно до закрытия опроса; после этого Секретариат проверит ответы, а результаты получат эксперты ТК 4 и Комитет { -org }.
    [country] Копия этих ответов отправлена контактным лицам вашей страны по электронной почте. Изменить их можно до закрытия опроса; после этого Секретариат проверит ответы, а результаты получат эксперты ТК 4 и Комитет { -org }.
   *[institute] Копия этих ответов отправлена контактным лицам вашего института по электронной почте. Изменить их можно до закрытия опроса; после этого Секретариат проверит ответы, а результаты получат эксперты ТК 4 и Комитет { -org }.
}
