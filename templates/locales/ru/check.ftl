# Ошибки схемы опроса, как их печатает `forms check` и показывает страница загрузки;
# идентификаторы, ключи и типы — слова самой схемы и остаются как написаны.
check-syntax = синтаксис TOML: { $detail }
check-text-missing = { $what ->
    [question] вопрос { $id }: { $field }
    [choice] список { $list }, вариант «{ $id }»
    [section] раздел { $id }: title
    [indicator] показатель { $id }: label
    [intro] intro
   *[title] title
}: нет текста { $language ->
    [ru] на русском
   *[en] на английском
}
check-form-id = идентификатор опроса «{ $id }»: только строчные латинские буквы, цифры и дефисы, не более 64 знаков, первым — буква
check-form-id-file = идентификатор опроса «{ $id }» не совпадает с именем файла
check-form-id-taken = идентификатор опроса «{ $id }» уже занят другим файлом
check-unknown-role = неизвестная роль контакта «{ $role }» (известны: { $known })
check-list-duplicate = список { $list }: значение «{ $value }» повторяется
check-unknown-list = неизвестный список «{ $list }»: его нет ни в [lists], ни среди справочных списков ({ $known })
check-section-duplicate = идентификатор раздела «{ $id }» повторяется
check-section-empty = в разделе «{ $id }» нет вопросов
check-question-id = идентификатор вопроса «{ $id }»: допустимы латинские буквы, цифры и _
check-question-duplicate = идентификатор вопроса «{ $id }» повторяется
check-question-was = вопрос { $question }: was «{ $was }»: допустимы латинские буквы, цифры и _
check-needs-list = вопрос { $question }: вопросу типа { $kind } нужен список вариантов (list)
check-list-not-choice = вопрос { $question }: list и other бывают только у вопросов с выбором
check-detail-not-multi = вопрос { $question }: detail бывает только у множественного выбора
check-large-change = вопрос { $question }: large_change бывает только у числа и больше 1 (2 отмечает ответ, выросший или уменьшившийся вдвое)
check-min-max = вопрос { $question }: min { $min } больше max { $max }
check-condition-order = вопрос { $question }: условие ссылается на «{ $target }», а это не один из предыдущих вопросов этого уровня
check-after-order = вопрос { $question }: after ссылается на «{ $target }», а это не один из предыдущих вопросов этого уровня
check-nested-group = вопрос { $question }: группа внутри группы не поддерживается
check-nested-grid = вопрос { $question }: таблица внутри группы не поддерживается
check-group-empty = в { $question } нет вопросов
check-grid-list = таблице { $question } нужен список для её строк (list)
check-grid-cell = таблица { $question }: ячейка не может быть вопросом типа { $kind }
check-not-container = вопрос { $question }: вложенные вопросы бывают только у группы или таблицы
check-indicator-duplicate = идентификатор показателя «{ $id }» повторяется
check-indicator-parts = показатель { $id }: в parts нужны два или больше показателя, объявленных выше
check-indicator-breakdown = показатель { $id }: у distinct_count не бывает разбивки
check-indicator-needs-question = показатель { $id }: не указан вопрос (question)
check-indicator-no-question = показатель { $id }: нет вопроса «{ $question }»
check-indicator-kind = показатель { $id }: { $kind } не может обобщать вопрос «{ $question }»
check-indicator-companion = показатель { $id }: { $key } «{ $question }» — не числовой вопрос рядом с вопросом показателя
check-indicator-group-by = показатель { $id }: group_by «{ $question }» — не вопрос с выбором рядом с текстами
check-indicator-across = показатель { $id }: across «{ $question }» — не вопрос с выбором той же группы, что и его вопрос
check-indicator-columns = показатель { $id }: в columns указан столбец «{ $key }», которого у него нет (units, rows, sum, total, count, mean, invited, answered)
check-match-rows = сопоставление { $id }: rows «{ $group }» — не повторяющаяся группа
check-match-form = сопоставление { $id }: нет опроса «{ $form }»
check-match-with-rows = сопоставление { $id }: «{ $group }» — не повторяющаяся группа опроса { $form }
check-match-question = сопоставление { $id }: нет вопроса «{ $question }» в { $group }

## Книги XLSForm
xls-too-large = Книга слишком велика: не более { $max } КиБ.
xls-not-workbook = Это не книга XLSX (или она повреждена).
xls-unpacked = Книга распаковывается в объём больше допустимого для опроса (возможно, это ZIP-бомба); она не открыта.
xls-cells = Лист { $sheet } занимает больше { $max } ячеек.
xls-no-sheet = В книге нет листа «{ $sheet }».
xls-no-form-id = На листе settings не указан form_id.
xls-unit = «{ $unit }» — не тот, кто отвечает: institute, country или contact.
xls-column-unsupported = Столбец «{ $column }» не поддерживается: его смысл был бы потерян.
xls-nested-group = Группа внутри группы не поддерживается: раздел содержит вопросы и повторяющиеся группы.
xls-unmatched-end = { $type } без начала.
xls-unclosed = Группа или повторяющаяся группа не закрыта.
xls-type-unsupported = Тип «{ $type }» не поддерживается.
xls-json = Значение ячейки неверно: { $detail }
xls-expr-syntax = Выражение не удаётся прочитать около «{ $at }».
xls-expr-not = «not» в выражениях не поддерживается.
xls-expr-function = Функция «{ $name }» не поддерживается.
xls-expr-relevant = Здесь поддерживаются только ответы одного предыдущего вопроса: ${"{"}q{"}"} = 'v' или selected(${"{"}q{"}"}, 'v'), соединённые «or».
xls-expr-constraint = Здесь поддерживаются только границы самого ответа: . >= n, . <= n, string-length(.) <= n или . >= ${"{"}q{"}"}, соединённые «and».
