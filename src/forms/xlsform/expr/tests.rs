use super::*;

#[test]
fn relevant_reads_answers_of_one_question() {
    let c = relevant("${format} = 'webinar' or ${format} = \"course\"").unwrap();
    assert_eq!(c.question, "format");
    assert_eq!(c.any_of, ["webinar", "course"]);
    let c = relevant("selected(${fields}, 'TC 1.3')").unwrap();
    assert_eq!(
        (c.question.as_str(), c.any_of.as_slice()),
        ("fields", &["TC 1.3".to_string()][..])
    );
    assert_eq!(write_relevant(&c, true), "selected(${fields}, 'TC 1.3')");
    let back = relevant(&write_relevant(&c, false)).unwrap();
    assert_eq!(back, c);
}

#[test]
fn what_the_engine_cannot_mean_is_refused_with_its_reason() {
    let key = |t: &str| relevant(t).unwrap_err().key;
    assert_eq!(key("${a} = 'x' and ${b} = 'y'"), "xls-expr-relevant");
    assert_eq!(key("${a} = 'x' or ${b} = 'y'"), "xls-expr-relevant");
    assert_eq!(key("not(${a} = 'x')"), "xls-expr-not");
    let e = relevant("pulldata('f', 'a', 'b', ${id}) = 'x'").unwrap_err();
    assert_eq!(e.key, "xls-expr-function");
    assert_eq!(e.args, [("name", "pulldata".to_string())]);
    assert_eq!(key("${a} = 'x"), "xls-expr-syntax");
    assert_eq!(constraint(". > 3").unwrap_err().key, "xls-expr-constraint");
    assert_eq!(
        constraint(". >= 0 or . <= 9").unwrap_err().key,
        "xls-expr-constraint"
    );
}

#[test]
fn constraints_are_bounds_and_written_back_the_same() {
    let b = constraint(". >= 0 and . <= 1000").unwrap();
    assert_eq!((b.min, b.max), (Some(0.0), Some(1000.0)));
    assert_eq!(write_constraint(&b), ". >= 0 and . <= 1000");
    let b = constraint("string-length(.) <= 200").unwrap();
    assert_eq!(b.max_length, Some(200));
    let b = constraint("(. >= ${start}) and . <= 2.5").unwrap();
    assert_eq!((b.after.as_deref(), b.max), (Some("start"), Some(2.5)));
    assert_eq!(constraint(&write_constraint(&b)).unwrap(), b);
    assert_eq!(constraint(". >= -5").unwrap().min, Some(-5.0));
}
