//! XLSForm's expressions, as far as the engine has their meaning: `relevant` as one or more
//! answers of one earlier question (`${q} = 'v'`, `selected(${q}, 'v')`, joined by `or`), and
//! `constraint` as bounds of the answer itself (`. >= 0`, `. <= 1000`, `string-length(.) <= 200`,
//! `. >= ${start}`, joined by `and`). An expression is parsed into these, never evaluated;
//! anything else is refused with what it was, in the reader's language.
use crate::forms::schema::Condition;

/// Why an expression cannot be read: a locale key and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

fn unsupported(key: &'static str, args: &[(&'static str, &str)]) -> Unsupported {
    Unsupported {
        key,
        args: args.iter().map(|(k, v)| (*k, v.to_string())).collect(),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ref(String),
    Str(String),
    Num(f64),
    Dot,
    Op(&'static str),
    Word(String),
    Open,
    Close,
    Comma,
}

fn tokens(text: &str) -> Result<Vec<Token>, Unsupported> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let rest: String = chars[i..].iter().take(2).collect();
        match c {
            _ if c.is_whitespace() => i += 1,
            '$' if rest == "${" => {
                let end = chars[i..].iter().position(|&c| c == '}').map(|p| p + i);
                let end = end.ok_or_else(|| unsupported("xls-expr-syntax", &[("at", "${")]))?;
                out.push(Token::Ref(chars[i + 2..end].iter().collect()));
                i = end + 1;
            }
            '\'' | '"' => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|&d| d == c)
                    .map(|p| p + i + 1);
                let end = end.ok_or_else(|| unsupported("xls-expr-syntax", &[("at", "'")]))?;
                out.push(Token::Str(chars[i + 1..end].iter().collect()));
                i = end + 1;
            }
            '(' | ')' | ',' => {
                out.push(match c {
                    '(' => Token::Open,
                    ')' => Token::Close,
                    _ => Token::Comma,
                });
                i += 1;
            }
            '<' | '>' | '!' | '=' => {
                let op = match rest.as_str() {
                    "<=" => "<=",
                    ">=" => ">=",
                    "!=" => "!=",
                    _ if c == '<' => "<",
                    _ if c == '>' => ">",
                    _ if c == '=' => "=",
                    _ => return Err(unsupported("xls-expr-syntax", &[("at", "!")])),
                };
                i += op.len();
                out.push(Token::Op(op));
            }
            '.' if !chars.get(i + 1).is_some_and(char::is_ascii_digit) => {
                out.push(Token::Dot);
                i += 1;
            }
            _ if c.is_ascii_digit() || c == '.' || c == '-' => {
                let len = chars[i..]
                    .iter()
                    .enumerate()
                    .take_while(|(k, d)| {
                        d.is_ascii_digit() || **d == '.' || (*k == 0 && **d == '-')
                    })
                    .count();
                let s: String = chars[i..i + len].iter().collect();
                let n = s
                    .parse()
                    .map_err(|_| unsupported("xls-expr-syntax", &[("at", &s)]))?;
                out.push(Token::Num(n));
                i += len;
            }
            _ if c.is_alphabetic() => {
                let len = chars[i..]
                    .iter()
                    .take_while(|d| d.is_alphanumeric() || **d == '-' || **d == '_' || **d == ':')
                    .count();
                out.push(Token::Word(chars[i..i + len].iter().collect()));
                i += len;
            }
            _ => {
                return Err(unsupported("xls-expr-syntax", &[("at", &c.to_string())]));
            }
        }
    }
    Ok(out)
}

/// The terms of `tokens` joined by `word` (`or`, `and`) at the top level; a function named
/// but not supported, or a `not`, is refused.
fn split<'t>(tokens: &'t [Token], word: &str) -> Result<Vec<&'t [Token]>, Unsupported> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, t) in tokens.iter().enumerate() {
        match t {
            Token::Open => depth += 1,
            Token::Close => depth = depth.saturating_sub(1),
            Token::Word(w) if depth == 0 && w == word => {
                out.push(&tokens[start..i]);
                start = i + 1;
            }
            Token::Word(w) if w == "not" => {
                return Err(unsupported("xls-expr-not", &[]));
            }
            Token::Word(w) if !["and", "or", "selected", "string-length"].contains(&w.as_str()) => {
                return Err(unsupported("xls-expr-function", &[("name", w)]));
            }
            _ => {}
        }
    }
    out.push(&tokens[start..]);
    Ok(out)
}

/// One term without the brackets around it.
fn unwrap(mut t: &[Token]) -> &[Token] {
    while t.first() == Some(&Token::Open) && t.last() == Some(&Token::Close) {
        t = &t[1..t.len() - 1];
    }
    t
}

/// `relevant` as the engine's condition.
pub fn relevant(text: &str) -> Result<Condition, Unsupported> {
    let tokens = tokens(text)?;
    if split(&tokens, "and")?.len() > 1 {
        return Err(unsupported("xls-expr-relevant", &[]));
    }
    let mut question: Option<String> = None;
    let mut any_of = Vec::new();
    for term in split(&tokens, "or")? {
        let (q, v) = match unwrap(term) {
            [Token::Ref(q), Token::Op("="), Token::Str(v)] => (q, v),
            [Token::Str(v), Token::Op("="), Token::Ref(q)] => (q, v),
            [Token::Word(f), Token::Open, Token::Ref(q), Token::Comma, Token::Str(v), Token::Close]
                if f == "selected" =>
            {
                (q, v)
            }
            _ => return Err(unsupported("xls-expr-relevant", &[])),
        };
        if question.as_ref().is_some_and(|p| p != q) {
            return Err(unsupported("xls-expr-relevant", &[]));
        }
        question = Some(q.clone());
        any_of.push(v.clone());
    }
    let question = question.ok_or_else(|| unsupported("xls-expr-relevant", &[]))?;
    Ok(Condition { question, any_of })
}

/// What a `constraint` bounds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bounds {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub max_length: Option<usize>,
    pub after: Option<String>,
}

pub fn constraint(text: &str) -> Result<Bounds, Unsupported> {
    let tokens = tokens(text)?;
    if split(&tokens, "or")?.len() > 1 {
        return Err(unsupported("xls-expr-constraint", &[]));
    }
    let mut b = Bounds::default();
    for term in split(&tokens, "and")? {
        match unwrap(term) {
            [Token::Dot, Token::Op(">="), Token::Num(n)] => b.min = Some(*n),
            [Token::Dot, Token::Op("<="), Token::Num(n)] => b.max = Some(*n),
            [Token::Num(n), Token::Op("<="), Token::Dot] => b.min = Some(*n),
            [Token::Num(n), Token::Op(">="), Token::Dot] => b.max = Some(*n),
            [Token::Dot, Token::Op(">="), Token::Ref(q)] => b.after = Some(q.clone()),
            [Token::Word(f), Token::Open, Token::Dot, Token::Close, Token::Op("<="), Token::Num(n)]
                if f == "string-length" && *n >= 0.0 && n.fract() == 0.0 =>
            {
                b.max_length = Some(*n as usize)
            }
            _ => return Err(unsupported("xls-expr-constraint", &[])),
        }
    }
    Ok(b)
}

/// A number as XLSForm writes it: `3`, not `3.0`.
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// The condition as `relevant`: `selected()` for a multiple choice, `=` otherwise.
pub fn write_relevant(c: &Condition, multiple: bool) -> String {
    let term = |v: &String| match multiple {
        true => format!("selected(${{{}}}, '{v}')", c.question),
        false => format!("${{{}}} = '{v}'", c.question),
    };
    c.any_of.iter().map(term).collect::<Vec<_>>().join(" or ")
}

pub fn write_constraint(b: &Bounds) -> String {
    let mut terms = Vec::new();
    if let Some(n) = b.min {
        terms.push(format!(". >= {}", number(n)));
    }
    if let Some(n) = b.max {
        terms.push(format!(". <= {}", number(n)));
    }
    if let Some(n) = b.max_length {
        terms.push(format!("string-length(.) <= {n}"));
    }
    if let Some(q) = &b.after {
        terms.push(format!(". >= ${{{q}}}"));
    }
    terms.join(" and ")
}

#[cfg(test)]
mod tests;
