//! `roboflow_core/current_time@v1`: reads the clock in a time zone.

use block_core::{Block, Context, Input, Inputs, Outputs, Problem, Run, RunError, Value};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::formatters::{json_type, origin};

/// Gives the current date and time in the time zone you choose, as a timestamp and as text.
///
/// Each run reads the clock once and gives the same moment in four forms:
///
/// | output | example | kind |
/// |---|---|---|
/// | `timestamp` | `2025-03-14T09:26:53.589793+01:00` | timestamp |
/// | `iso_string` | `2025-03-14T09:26:53.589793+01:00` | string |
/// | `date` | `2025-03-14` | string |
/// | `time` | `09:26:53` | string |
///
/// `timestamp` and `iso_string` hold the same ISO 8601 text: microseconds
/// (left out when they are zero) and the zone's UTC offset at that moment,
/// daylight saving time included. `timestamp` connects to steps that take a
/// point in time, `iso_string` to steps that take text.
///
/// ## Choosing the time zone
///
/// Typed into the step, `timezone` is one of the zones the editor lists,
/// from `Etc/GMT+12` to `Pacific/Kiritimati`. Given through a reference (for
/// example `$inputs.timezone`), it may be any IANA time zone name, such as
/// `Europe/Paris` or `America/Argentina/Buenos_Aires`; a name that is not
/// one stops the run with an error. The zone rules are built into the
/// engine, so every machine gives the same answer.
#[derive(Debug, Block)]
#[block(
    id = "roboflow_core/current_time@v1",
    name = "Current Time",
    block_type = "formatter",
    license = "Apache-2.0",
    section = "advanced",
    icon = "far fa-clock",
    ui = { "blockPriority": 10 },
    engine = ">=1.3.0,<2.0.0",
    output(name = "timestamp", kind = "timestamp"),
    output(name = "iso_string", kind = "string"),
    output(name = "date", kind = "string"),
    output(name = "time", kind = "string")
)]
pub struct CurrentTime {
    /// The IANA time zone to read the clock in: one of the listed zones, or
    /// any IANA name through a reference.
    #[block(
        kind = "string",
        default = "UTC",
        examples = ["UTC", "America/New_York", "Europe/Berlin", "$inputs.timezone"],
        schema = { "values_metadata": {
            "Etc/GMT+12": { "name": "UTC-12 International Date Line West" },
            "Pacific/Pago_Pago": { "name": "UTC-11 Samoa Time (SST)" },
            "Pacific/Honolulu": { "name": "UTC-10 Hawaii-Aleutian Time (HST/HAST)" },
            "Pacific/Marquesas": { "name": "UTC-9:30 Marquesas Time (MART)" },
            "America/Anchorage": { "name": "UTC-9/-8 Alaska Time (AKST/AKDT)" },
            "Pacific/Gambier": { "name": "UTC-9 Gambier Time (GAMT)" },
            "America/Los_Angeles": { "name": "UTC-8/-7 Pacific Time (PST/PDT)" },
            "America/Denver": { "name": "UTC-7/-6 Mountain Time (MST/MDT)" },
            "America/Phoenix": { "name": "UTC-7 Mountain Standard Time (MST)" },
            "America/Chicago": { "name": "UTC-6/-5 Central Time (CST/CDT)" },
            "America/Mexico_City": { "name": "UTC-6 Mexico / Central America Time (CST)" },
            "America/New_York": { "name": "UTC-5/-4 Eastern Time (EST/EDT)" },
            "America/Bogota": { "name": "UTC-5 Colombia / Peru Time (COT/PET)" },
            "America/Halifax": { "name": "UTC-4/-3 Atlantic Time (AST/ADT)" },
            "America/Puerto_Rico": { "name": "UTC-4 Atlantic Standard Time (AST)" },
            "America/St_Johns": { "name": "UTC-3:30/-2:30 Newfoundland Time (NST/NDT)" },
            "America/Sao_Paulo": { "name": "UTC-3 Brasilia Time (BRT)" },
            "Atlantic/South_Georgia": { "name": "UTC-2 Mid-Atlantic Time (GST)" },
            "Atlantic/Azores": { "name": "UTC-1/+0 Azores Time (AZOT/AZOST)" },
            "Atlantic/Cape_Verde": { "name": "UTC-1 Cape Verde Time (CVT)" },
            "UTC": { "name": "UTC+0 Greenwich Mean Time (GMT/WET)" },
            "Europe/London": { "name": "UTC+0/+1 UK / Western European Time (GMT/BST/WET/WEST)" },
            "Europe/Berlin": { "name": "UTC+1/+2 Central European Time (CET/CEST)" },
            "Africa/Lagos": { "name": "UTC+1 West Africa Time (WAT)" },
            "Europe/Kyiv": { "name": "UTC+2/+3 Eastern European Time (EET/EEST)" },
            "Africa/Cairo": { "name": "UTC+2/+3 Egypt Time (EET/EEST)" },
            "Africa/Johannesburg": { "name": "UTC+2 South Africa Time (SAST)" },
            "Europe/Moscow": { "name": "UTC+3 Moscow Time (MSK)" },
            "Europe/Istanbul": { "name": "UTC+3 Turkey Time (TRT)" },
            "Africa/Nairobi": { "name": "UTC+3 East Africa Time (EAT)" },
            "Asia/Tehran": { "name": "UTC+3:30 Iran Time (IRST)" },
            "Asia/Dubai": { "name": "UTC+4 Gulf Time (GST)" },
            "Asia/Kabul": { "name": "UTC+4:30 Afghanistan Time (AFT)" },
            "Asia/Karachi": { "name": "UTC+5 Pakistan Time (PKT)" },
            "Asia/Kolkata": { "name": "UTC+5:30 India Time (IST)" },
            "Asia/Kathmandu": { "name": "UTC+5:45 Nepal Time (NPT)" },
            "Asia/Dhaka": { "name": "UTC+6 Bangladesh Time (BST)" },
            "Asia/Yangon": { "name": "UTC+6:30 Myanmar Time (MMT)" },
            "Asia/Bangkok": { "name": "UTC+7 Indochina Time (ICT)" },
            "Asia/Shanghai": { "name": "UTC+8 China / Western Australia Time (CST/AWST/PHT)" },
            "Australia/Eucla": { "name": "UTC+8:45 Central Western Australia Time (ACWST)" },
            "Asia/Tokyo": { "name": "UTC+9 Japan / Korea Time (JST/KST)" },
            "Australia/Darwin": { "name": "UTC+9:30 Australian Central Standard Time (ACST)" },
            "Australia/Adelaide": { "name": "UTC+9:30/+10:30 Australian Central Time (ACST/ACDT)" },
            "Australia/Sydney": { "name": "UTC+10/+11 Australian Eastern Time (AEST/AEDT)" },
            "Pacific/Port_Moresby": { "name": "UTC+10 Papua New Guinea Time (PGT)" },
            "Australia/Lord_Howe": { "name": "UTC+10:30/+11 Lord Howe Time (LHST/LHDT)" },
            "Pacific/Guadalcanal": { "name": "UTC+11 Solomon Islands Time (SBT)" },
            "Pacific/Norfolk": { "name": "UTC+11/+12 Norfolk Island Time (NFT/NFDT)" },
            "Pacific/Fiji": { "name": "UTC+12 Fiji Time (FJT)" },
            "Pacific/Auckland": { "name": "UTC+12/+13 New Zealand Time (NZST/NZDT)" },
            "Pacific/Chatham": { "name": "UTC+12:45/+13:45 Chatham Time (CHAST/CHADT)" },
            "Pacific/Tongatapu": { "name": "UTC+13 Tonga Time (TOT)" },
            "Pacific/Apia": { "name": "UTC+13 Samoa Time (WSST)" },
            "Pacific/Kiritimati": { "name": "UTC+14 Line Islands Time (LINT)" }
        } }
    )]
    pub timezone: Input<ListedZone>,
}

/// Declares the listed zones once: each variant is written in a step as its
/// IANA name, which [`ListedZone::name`] gives back.
macro_rules! listed_zones {
    ($($variant:ident = $name:literal,)+) => {
        /// A time zone the editor lists for `timezone`, from west to east.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
        pub enum ListedZone {
            $(#[serde(rename = $name)] $variant,)+
        }

        impl ListedZone {
            /// Every listed zone, from west to east.
            pub const ALL: &[Self] = &[$(Self::$variant),+];

            /// The IANA name of the zone.
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)+
                }
            }
        }
    };
}

listed_zones! {
    EtcGmtPlus12 = "Etc/GMT+12",
    PacificPagoPago = "Pacific/Pago_Pago",
    PacificHonolulu = "Pacific/Honolulu",
    PacificMarquesas = "Pacific/Marquesas",
    AmericaAnchorage = "America/Anchorage",
    PacificGambier = "Pacific/Gambier",
    AmericaLosAngeles = "America/Los_Angeles",
    AmericaDenver = "America/Denver",
    AmericaPhoenix = "America/Phoenix",
    AmericaChicago = "America/Chicago",
    AmericaMexicoCity = "America/Mexico_City",
    AmericaNewYork = "America/New_York",
    AmericaBogota = "America/Bogota",
    AmericaHalifax = "America/Halifax",
    AmericaPuertoRico = "America/Puerto_Rico",
    AmericaStJohns = "America/St_Johns",
    AmericaSaoPaulo = "America/Sao_Paulo",
    AtlanticSouthGeorgia = "Atlantic/South_Georgia",
    AtlanticAzores = "Atlantic/Azores",
    AtlanticCapeVerde = "Atlantic/Cape_Verde",
    Utc = "UTC",
    EuropeLondon = "Europe/London",
    EuropeBerlin = "Europe/Berlin",
    AfricaLagos = "Africa/Lagos",
    EuropeKyiv = "Europe/Kyiv",
    AfricaCairo = "Africa/Cairo",
    AfricaJohannesburg = "Africa/Johannesburg",
    EuropeMoscow = "Europe/Moscow",
    EuropeIstanbul = "Europe/Istanbul",
    AfricaNairobi = "Africa/Nairobi",
    AsiaTehran = "Asia/Tehran",
    AsiaDubai = "Asia/Dubai",
    AsiaKabul = "Asia/Kabul",
    AsiaKarachi = "Asia/Karachi",
    AsiaKolkata = "Asia/Kolkata",
    AsiaKathmandu = "Asia/Kathmandu",
    AsiaDhaka = "Asia/Dhaka",
    AsiaYangon = "Asia/Yangon",
    AsiaBangkok = "Asia/Bangkok",
    AsiaShanghai = "Asia/Shanghai",
    AustraliaEucla = "Australia/Eucla",
    AsiaTokyo = "Asia/Tokyo",
    AustraliaDarwin = "Australia/Darwin",
    AustraliaAdelaide = "Australia/Adelaide",
    AustraliaSydney = "Australia/Sydney",
    PacificPortMoresby = "Pacific/Port_Moresby",
    AustraliaLordHowe = "Australia/Lord_Howe",
    PacificGuadalcanal = "Pacific/Guadalcanal",
    PacificNorfolk = "Pacific/Norfolk",
    PacificFiji = "Pacific/Fiji",
    PacificAuckland = "Pacific/Auckland",
    PacificChatham = "Pacific/Chatham",
    PacificTongatapu = "Pacific/Tongatapu",
    PacificApia = "Pacific/Apia",
    PacificKiritimati = "Pacific/Kiritimati",
}

impl Run for CurrentTime {
    /// Refuses a zone typed into the step that the built-in rules lack.
    fn check(&self, _context: &Context) -> Vec<Problem> {
        let Input::Literal(zone) = &self.timezone else {
            return Vec::new();
        };
        match TimeZone::get(zone.name()) {
            Ok(_) => Vec::new(),
            Err(_) => vec![Problem::new("/timezone", unknown_zone(Some(zone.name())))],
        }
    }

    /// Reads the clock once and formats that moment in the zone.
    fn run(&self, inputs: &Inputs<'_>, _context: &Context) -> Result<Outputs, RunError> {
        let zone = self.timezone.value(inputs)?;
        let tainted = zone.is_tainted();
        let name = match zone.expose() {
            serde_json::Value::String(name) => name,
            other => {
                return Err(RunError::new(format!(
                    "`timezone` must be the text of an IANA time zone name such as `Europe/Berlin`, but {} holds {}",
                    origin(&self.timezone),
                    json_type(&other)
                )));
            }
        };
        let time_zone = TimeZone::get(&name)
            .map_err(|_| RunError::new(unknown_zone((!tainted).then_some(name.as_str()))))?;
        let now = Timestamp::try_from(std::time::SystemTime::now())
            .map_err(|error| RunError::new(format!("the system clock is out of range: {error}")))?;
        let readings = Readings::at(&now.to_zoned_datetime(time_zone))?;
        let mark = |text: String| {
            let value = Value::json(text.into());
            if tainted { value.tainted() } else { value }
        };
        Ok(Outputs::new()
            .with("timestamp", mark(readings.iso.clone()))
            .with("iso_string", mark(readings.iso))
            .with("date", mark(readings.date))
            .with("time", mark(readings.time)))
    }
}

/// Why a zone was refused, naming it unless it came from a secret.
fn unknown_zone(name: Option<&str>) -> String {
    let subject = name.map_or_else(
        || "the zone (hidden because it came from a secret)".to_owned(),
        |name| format!("`{name}`"),
    );
    format!(
        "{subject} is not an IANA time zone name; write one such as `Europe/Berlin`, `America/New_York` or `UTC`"
    )
}

/// One moment as the block's text outputs show it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Readings {
    /// ISO 8601 with the UTC offset, microseconds left out when zero.
    iso: String,
    /// `%Y-%m-%d`.
    date: String,
    /// `%H:%M:%S`.
    time: String,
}

impl Readings {
    fn at(moment: &ZonedDateTime) -> Result<Self, RunError> {
        let iso = if moment.subsec_nanosecond() / 1000 == 0 {
            "%Y-%m-%dT%H:%M:%S%:z"
        } else {
            "%Y-%m-%dT%H:%M:%S%.6f%:z"
        };
        let format = |pattern: &str| {
            jiff::fmt::strtime::format(pattern, moment)
                .map_err(|error| RunError::new(format!("the time could not be formatted: {error}")))
        };
        Ok(Self {
            iso: format(iso)?,
            date: format("%Y-%m-%d")?,
            time: format("%H:%M:%S")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn readings(instant: &str, zone: &str) -> Readings {
        let instant: Timestamp = instant.parse().unwrap();
        Readings::at(&instant.to_zoned_datetime(TimeZone::get(zone).unwrap())).unwrap()
    }

    #[test]
    fn moments_read_as_iso_text_with_the_zone_offset() {
        let summer = readings("2024-07-01T12:00:00.1234567Z", "America/New_York");
        assert_eq!(summer.iso, "2024-07-01T08:00:00.123456-04:00");
        assert_eq!(summer.date, "2024-07-01");
        assert_eq!(summer.time, "08:00:00");
        let winter = readings("2024-01-01T00:30:00Z", "America/New_York");
        assert_eq!(winter.iso, "2023-12-31T19:30:00-05:00");
        let nepal = readings("2024-01-01T00:00:00.000000999Z", "Asia/Kathmandu");
        assert_eq!(nepal.iso, "2024-01-01T05:45:00+05:45");
    }

    #[test]
    fn every_listed_zone_is_in_the_built_in_rules() {
        for zone in ListedZone::ALL {
            assert!(TimeZone::get(zone.name()).is_ok(), "{}", zone.name());
        }
        assert_eq!(ListedZone::ALL.len(), 55);
    }
}
