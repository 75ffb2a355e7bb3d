//! placeholder until the timescale parser lands
use chrono::NaiveDate;
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimescaleKind {
    Date,
    Month,
    Year,
    FinancialYear,
    Quarter,
    From,
    Range,
    Review,
    Ongoing,
    NoDate,
    Missing,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timescale {
    pub kind: TimescaleKind,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub ongoing: bool,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unparsed {
    pub reason: String,
}
pub fn parse(_text: &str) -> Result<Timescale, Unparsed> {
    Err(Unparsed {
        reason: "todo".into(),
    })
}
pub fn from_date(d: NaiveDate) -> Timescale {
    Timescale {
        kind: TimescaleKind::Date,
        start: Some(d),
        due: Some(d),
        ongoing: false,
    }
}
