# Разработка опросов: версии, разница между двумя версиями и её последствия.
diff-kind = { $kind ->
    [single_choice] один вариант
    [multi_choice] несколько вариантов
    [text] короткий текст
    [long_text] длинный текст
    [integer] целое число
    [decimal] число
    [year] год
    [yes_no] да или нет
    [date] дата
    [group] повторяющаяся группа
   *[grid] таблица
}
diff-form-text = { $what ->
    [title] Изменена формулировка названия опроса
   *[intro] Изменена формулировка вступления к опросу
}
diff-setting = { $setting ->
    [unit] Изменено, кто отвечает (один ответ на институт, страну или контакт)
    [audience] Изменено, кто приглашается
    [circulate] Изменено, можно ли разослать ответы всем контактам
    [reviewer_min_count] Изменено наименьшее число ответов, на котором может основываться показатель для рецензентов
   *[matches] Изменено сопоставление со строками другого опроса
}
diff-section-added = Новый раздел { $section }
diff-section-removed = Раздел { $section } удалён
diff-section-text = Раздел { $section }: изменена формулировка названия или вступления
diff-question-added = Новый вопрос { $question }
diff-question-removed = Вопрос { $question } удалён
diff-question-renamed = Вопрос { $question } продолжает { $from } под новым идентификатором
diff-question-moved = Вопрос { $question } перемещён
diff-question-retyped = Вопрос { $question }: теперь ответ — { $to } (было: { $from })
diff-question-text = Вопрос { $question }: изменена формулировка { $part ->
    [label] вопроса
    [hint] подсказки
    [unit] единицы измерения
    [detail] подписи к полю рядом с каждым вариантом
   *[message] сообщения для правила «{ $rule }»
}
diff-question-required = Вопрос { $question } { $now ->
    [yes] теперь обязателен
   *[no] больше не обязателен
}
diff-question-rule = Вопрос { $question }: { $rule ->
    [list] изменён список вариантов
    [other] изменён вариант «другое, уточните»
    [min] изменено наименьшее значение
    [max] изменено наибольшее значение
    [max_length] изменена наибольшая длина текста
    [show_if] изменено, когда он показывается
    [after] изменён более ранний ответ, раньше которого он не может быть
    [rows] изменено число строк
   *[exclude_own] изменено, предлагается ли собственный институт
}
diff-choice-added = В список { $list } добавлен вариант { $choice }
diff-choice-removed = Из списка { $list } удалён вариант { $choice }
diff-choice-text = Изменена формулировка варианта { $choice } списка { $list }
diff-choice-recoded = Вариант { $choice } списка { $list } получил новый код (был { $from })
diff-indicator-added = Новый показатель { $indicator }
diff-indicator-removed = Показатель { $indicator } удалён
diff-indicator-text = Изменена формулировка показателя { $indicator }
diff-indicator-changed = Показатель { $indicator }: изменено, что он считает
effect-series-breaks = { $indicator }: нет сравнения с прошлыми годами
effect-series-ends = { $indicator }: начиная с этой версии не рассчитывается (значения прошлых лет сохраняются)
effect-series-starts = { $indicator }: ряд значений начинается с этой версии
effect-row-breaks = { $indicator }: строка { $choice } не сравнивается с прошлыми годами
effect-no-prefill = { $question }: ответы прошлого года не подставляются
effect-choice-not-prefilled = { $question }: ответы прошлого года «{ $choice }» не подставляются
effect-column-added = Выгрузки: новый столбец { $question }
effect-column-removed = Выгрузки: начиная с этой версии нет столбца { $question }
effect-column-renamed = Выгрузки: столбец { $from } теперь называется { $to }
effect-column-values = Выгрузки: значения { $question } читаются иначе
effect-unit-changed = Ответы собираются по другой единице: ничего из прошлых лет не подставляется и не сравнивается
refused-unknown-version = У опроса «{ $form }» нет версии { $version }.
refused-newer-version = Тем временем была опубликована версия { $version } этого опроса. Загрузите файл ещё раз, чтобы сравнить его с этой версией.
refused-no-difference = Файл совпадает с версией { $version }: публиковать нечего.
refused-schema-problems = В файле есть ошибки (перечислены ниже); ничего не опубликовано.
new-version = Версия опроса
new-version-opened = Открывается версия { $version } опроса.
new-preview = Посмотреть версию { $version } глазами респондента
forms-title = Опросы
preview-banner = Предварительный просмотр версии { $version }.
preview-nothing-stored = Так форму видит респондент; попробуйте заполнить её, как он: ничего из введённого здесь не сохраняется, и никто не получает уведомлений.
preview-other-language = Просмотр на английском
preview-valid = Такой ответ был бы принят: все ответы верны. Ничего не сохранено.
preview-draft = Черновик респондента сохранил бы это. Ничего не сохранено.
nav-forms = Опросы
forms-intro = Все опросы и их версии. Кампания открывает одну версию и сохраняет её; новая версия используется кампаниями, открытыми после её публикации. Любую версию можно просмотреть так, как её видит респондент, или загрузить изменённый файл как следующую версию.
forms-col-survey = Опрос
forms-col-latest = Последняя версия
forms-col-campaigns = Кампании
forms-col-indicators = Показатели
upload-title = Новая версия из файла
upload-hint = Файл TOML опроса, скачанный с его страницы или написанный как в forms/ (не более 512 КиБ), или его книга XLSForm (.xlsx, не более 1024 КиБ). Ничего не публикуется, пока вы не прочтёте разницу и не подтвердите.
upload-file = Файл схемы (TOML)
upload-check = Проверить файл
upload-too-large = Файл слишком велик: файл TOML опроса — не более { $max } КиБ, книга XLSForm — не более 1024 КиБ.
upload-empty = Файл не выбран или пуст.
upload-not-utf8 = Файл не в кодировке UTF-8. Сохраните его в UTF-8 и загрузите снова.
upload-result-title = Проверка файла
upload-problems = { $name }: найдено ошибок: { $count }. Публикация невозможна, пока они не исправлены.
upload-changes = Версия { $version } в сравнении с версией { $base }: что меняется и к чему это ведёт
upload-text-only = Меняются только тексты: ответы, показатели и выгрузки читаются так же.
upload-new-survey = Новый опрос «{ $id }», версия 1
upload-confirm-text = Уже открытые кампании сохраняют свою версию. Кампании, открытые с этого момента, используют версию { $version } — сразу на всех экземплярах службы.
upload-publish = Опубликовать версию { $version }
upload-cancel = Отмена
flash-version-published = Версия { $version } опубликована.
form-preview-latest = Просмотреть версию { $version } глазами респондента
form-download-toml = Скачать последнюю версию (TOML) для правки
form-versions = Версии
form-col-version = Версия
form-col-published = Опубликована
form-col-campaigns = Кампании, открывшие её
form-col-changes = Что изменилось
form-col-actions = Действия
form-no-campaign = пока нет
form-show-changes = Изменений: { $count }
form-first-version = первая версия
form-preview = Просмотр
form-unversioned = Кампании, открытые до того, как стали храниться версии, со своей схемой:
form-indicators = Показатели последней версии
form-col-indicator = Показатель
form-col-codes = Коды дорожной карты
form-same-title = Тексты, одинаковые на обоих языках
form-same-intro = Текстов, одинаковых на английском и русском: { $count }. Для названия или кода это допустимо, для забытого перевода — нет.
audit-campaign-correct = к кампании применены тексты более поздней версии
refused-not-text-only = Версия { $version } меняет не только тексты: её можно использовать только в кампаниях, открытых с этого момента.
correct-title = Тексты версии { $version } для кампании { $year } года
correct-intro = Меняются только тексты: респонденты сразу видят новые, уже данные ответы остаются как есть, показатели и выгрузки читаются так же. Журнал действий сохраняет оба текста.
correct-texts = Какие тексты меняются
correct-col-place = Где
correct-col-before = Сейчас
correct-col-after = После исправления
correct-apply = Применить тексты версии { $version }
flash-corrected = Тексты версии { $version } применены: респонденты уже видят их.
form-open-campaigns = Открытые кампании
form-correct-link = Применить тексты версии { $version } к кампании { $year } года (у неё версия { $from })
edit-title = Новая версия из копии версии { $version }
edit-hint = Измените любой текст на любом из языков, обязательность вопросов или добавьте вариант в список. Ничего не публикуется, пока вы не прочтёте разницу и не подтвердите.
edit-texts = Тексты опроса
edit-required = Вопросы, на которые нужно ответить обязательно
edit-new-choice = Новый вариант в списке { $list }
edit-choice-value = Значение (хранится в ответах: строчные латинские буквы, цифры, - и _)
form-edit = Изменить копию версии { $version } в браузере

## Справочные перечни
list-title-oiml-publications = Публикации МОЗМ
list-title-technical-committees = Технические комитеты { -org }
list-title-coomet-bodies = Органы { -org }
list-title-cipm-consultative-committees = Консультативные комитеты МКМВ
lists-title = Справочные перечни
lists-intro = Списки, из которых опросы берут варианты ответа. Версия опроса сохраняет записи, с которыми она опубликована; новая версия перечня попадает в опрос с его следующей версией.
lists-col-list = Перечень
lists-col-entries = Предлагаемых записей
lists-col-retired = Выведено из обращения
list-intro = Исправьте формулировку записи на любом языке, выведите из обращения запись, которую больше не нужно предлагать, или добавьте новые записи. Код записи хранится в ответах: он не меняется, и запись никогда не удаляется, потому что на неё ссылаются ответы прошлых лет.
list-caption = Записи версии { $version }
list-col-value = Код
list-col-retired = Выведена из обращения
list-retired = выведена из обращения
list-new-entry = Новая запись
list-save-hint = При сохранении создаётся следующая версия перечня. Опросы используют версию, с которой они опубликованы, до своей следующей версии.
list-save = Сохранить как новую версию
list-surveys = Опросы, использующие этот перечень
list-survey-uses = его версия { $version } использует версию { $list } перечня.
list-survey-outdated = Новая версия опроса использовала бы версию { $list }.
list-refresh = Проверить версию { $version } опроса с версией перечня { $list }
list-no-survey = Ни один опрос не использует этот перечень.
list-first-version = первая версия
list-problems = Перечень не сохранён: исправьте отмеченные ниже строки. Всё введённое сохранено на странице.
list-problem-empty = Нужен текст и на английском, и на русском языке.
list-problem-long = Текст длиннее 300 символов.
list-problem-control = Текст содержит управляющие символы.
list-problem-value = Код — от 1 до 40 букв, цифр, пробелов или знаков . - _ /
list-problem-taken = Такой код уже есть в перечне.
list-change-added = добавлена запись { $value }: { $en } / { $ru }
list-change-reworded = изменена формулировка { $value } на { $lang ->
        [ru] русском
       *[en] английском
    }: «{ $from }» → «{ $to }»
list-change-retired = выведена из обращения запись { $value }
list-change-restored = снова предлагается запись { $value }
flash-list-saved = Версия { $version } перечня сохранена. Опросы используют её со своей следующей версии: проверьте её ниже.
refused-newer-list = Тем временем другой пользователь сохранил версию { $version } этого перечня. Ваши изменения перенесены в неё ниже: проверьте их и сохраните ещё раз.
refused-list-unchanged = Ничего не изменено: новой версии для сохранения нет.
form-lists = Справочные перечни
form-list-version = эта версия использует версию перечня { $version } (последняя — { $latest }).
form-list-refresh = Проверить следующую версию с последними перечнями
list-refresh-title = Следующая версия с последними справочными перечнями
upload-proposals = Переименованные вопросы?
upload-proposal = Вопрос «{ $to_label }» ({ $to }) новый, а «{ $from_label }» ({ $from }) удалён; у них одинаковый вид ответа и похожая формулировка. Если это тот же вопрос, укажите, что он его продолжает: тогда прошлогодние ответы подставятся в него, а показатели и выгрузки сохранят единый ряд по годам.
upload-proposal-take = { $to } продолжает { $from }
cli-proposal = { $to }, возможно, продолжает { $from }; если это тот же вопрос, укажите в файле
form-download-xlsx = Скачать как книгу XLSForm (Excel)
