//! Every call into the coomet_surveys library, in one place: the library's API is changing, and
//! this is the one file to adapt. Everything else reaches the service through its executable
//! (`coomet-surveys migrate|seed|campaign open|invite|mail send|serve`), over HTTP, or through
//! plain SQL on the tables of migrations/.
use crate::Result;
use coomet_surveys::campaigns::campaign;
use coomet_surveys::forms::{self, Mode, RawForm, Registry};
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};
use std::path::Path;

/// The answering unit of a form (`forms::Unit`), as the benchmark names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Institute,
    Country,
    Contact,
}

/// Every form of `forms/`, checked, with the reference lists of `seeds/` resolved.
pub struct Forms(Registry);

impl Forms {
    pub fn load(root: &Path) -> Result<Forms> {
        let i18n = coomet_surveys::i18n::I18n::load(&root.join("templates/locales"))?;
        Ok(Forms(Registry::load(
            &root.join("forms"),
            &root.join("seeds"),
            &i18n,
        )?))
    }

    pub fn ids(&self) -> Vec<String> {
        self.0.forms.keys().cloned().collect()
    }

    fn form(&self, id: &str) -> Result<&forms::Form> {
        Ok(self
            .0
            .get(id)
            .ok_or_else(|| format!("no form {id} in forms/"))?)
    }

    /// Who answers the form: one response per institute, per country or per contact.
    pub fn unit(&self, form_id: &str) -> Result<Unit> {
        Ok(match self.form(form_id)?.unit {
            forms::Unit::Institute => Unit::Institute,
            forms::Unit::Country => Unit::Country,
            forms::Unit::Contact => Unit::Contact,
        })
    }

    /// The choice values of the rows of grid `grid`, in order (row `i` is named `grid.i.*`).
    pub fn grid_rows(&self, form_id: &str, grid: &str) -> Result<Vec<String>> {
        let form = self.form(form_id)?;
        let q = form
            .question(grid)
            .ok_or_else(|| format!("{form_id} has no question {grid}"))?;
        Ok(form.choices(q).iter().map(|c| c.value.clone()).collect())
    }

    /// The answers JSON the service stores for this posted form, which must be valid in full
    /// (as `_action=submit` requires).
    pub fn answers_json(&self, form_id: &str, pairs: &[(String, String)]) -> Result<String> {
        let form = self.form(form_id)?;
        let body = crate::answers::encode(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let outcome = forms::validate(form, &RawForm::parse(&body), Mode::Submit);
        if !outcome.is_valid() {
            return Err(format!(
                "an answer set of {form_id} is no longer valid: {:?}",
                outcome.errors
            )
            .into());
        }
        Ok(serde_json::to_string(&outcome.answers)?)
    }
}

/// A connection made as the service makes it (pool size, WAL, synchronous, busy timeout).
pub async fn connect(url: &str) -> Result<DatabaseConnection> {
    Ok(coomet_surveys::db::connect(url).await?)
}

/// A campaign as `indicators::compute` takes it.
pub struct Campaign(campaign::Model);

impl Campaign {
    pub fn form_id(&self) -> &str {
        &self.0.form_id
    }

    pub fn year(&self) -> i32 {
        self.0.year
    }
}

/// The interface texts that label indicator tables, loaded once.
fn i18n() -> Result<&'static coomet_surveys::i18n::I18n> {
    static I18N: std::sync::OnceLock<coomet_surveys::i18n::I18n> = std::sync::OnceLock::new();
    if let Some(i) = I18N.get() {
        return Ok(i);
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates/locales");
    let loaded = coomet_surveys::i18n::I18n::load(&dir)?;
    Ok(I18N.get_or_init(|| loaded))
}

/// Every campaign, read before the timed span (and the texts loaded, so that no timed round
/// pays for them).
pub async fn campaigns(db: &DatabaseConnection) -> Result<Vec<Campaign>> {
    i18n()?;
    Ok(campaign::Entity::find()
        .order_by_asc(campaign::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Campaign)
        .collect())
}

/// The indicators of one campaign, in English, as `coomet-surveys indicators` computes them.
/// Returns how many indicator tables came out and the sum of their headline figures (so the
/// work cannot be optimised away and a run can be compared with another).
pub async fn indicators(db: &DatabaseConnection, c: &Campaign) -> Result<(usize, f64)> {
    let lang = coomet_surveys::i18n::Lang::En;
    let values = coomet_surveys::indicators::compute(db, &c.0, lang, i18n()?).await?;
    let sum = values.iter().filter_map(|v| v.value).sum();
    Ok((values.len(), sum))
}

/// A unit's key as `campaigns::unit_key` writes it into invitations and responses.
pub fn unit_key(unit: Unit, acronym: &str, country: &str, contact_id: i32) -> String {
    match unit {
        Unit::Institute => format!("institute:{acronym}"),
        Unit::Country => format!("country:{country}"),
        Unit::Contact => format!("contact:{contact_id}"),
    }
}

/// Campaign `id`'s responses exported as the secretariat downloads them (labels in English):
/// XLSX with its sheet of indicators, or CSV. Returns the file's size in bytes.
pub async fn export(db: &DatabaseConnection, id: i32, xlsx: bool) -> Result<usize> {
    use coomet_surveys::export::{self, files, Audience};
    let c = campaign::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| format!("no campaign {id}"))?;
    let lang = coomet_surveys::i18n::Lang::En;
    let format = if xlsx {
        files::Format::Xlsx
    } else {
        files::Format::Csv
    };
    let audience = Audience {
        headings: Default::default(),
        lang,
        reviewer: false,
        indicators: xlsx,
    };
    let e = export::gather(db, &c, audience, i18n()?).await?;
    Ok(files::write(&e, format, lang, i18n()?)?.bytes.len())
}

/// The reviewers' page of campaign `c` as `/review/campaigns/<id>` builds it: its indicators
/// with every earlier year of its survey beside them, charts and matches. Returns how many
/// indicators it shows.
pub async fn campaign_results(db: &DatabaseConnection, c: &Campaign) -> Result<usize> {
    let lang = coomet_surveys::i18n::Lang::En;
    let r = coomet_surveys::report::campaign_results(db, &c.0, lang, i18n()?).await?;
    Ok(r.indicators.len())
}

/// The roadmap overview as `/review/roadmap` builds it, over every campaign. Returns how many
/// roadmap indicators it lists.
pub async fn roadmap_overview(
    db: &DatabaseConnection,
    forms: &Forms,
    root: &Path,
) -> Result<usize> {
    use coomet_surveys::report::roadmap::{overview, Roadmap};
    let roadmap = Roadmap::load(&root.join("seeds"))?;
    let lang = coomet_surveys::i18n::Lang::En;
    Ok(overview(db, &forms.0, &roadmap, lang, i18n()?)
        .await?
        .codes
        .len())
}
