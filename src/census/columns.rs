//! The columns of a census sheet, defined once for the template, the
//! reader, the validator and the export.
//!
//! To add or change a column, add a [`Column`] variant and its row in
//! [`COLUMNS`] (same order), then teach `validate::fields` to parse it.

use serde::{Deserialize, Serialize};

/// One column of the census sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Column {
    ProviderName,
    ResourceName,
    ResourceType,
    Themes,
    Stages,
    Region,
    Address,
    Longitude,
    Latitude,
    Datum,
    ContactName,
    ContactPhone,
    OpeningHours,
    GroupCapacity,
    Fee,
    Strengths,
    Services,
    SafetyNotes,
}

/// The sheet-facing description of a column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ColumnSpec {
    pub column: Column,
    /// Header cell text in the template; the reader also accepts it with
    /// spaces, a trailing `*` or a `（必填）`/`（选填）` note.
    pub header: &'static str,
    /// English name, used in English messages.
    pub english: &'static str,
    /// Whether a row must fill it (the column itself must always be present
    /// when this is true).
    pub required: bool,
    /// Help text for the template's instructions sheet and header notes.
    pub description: &'static str,
    /// Column width in the template, in Excel character units.
    pub width: f64,
}

/// All columns in template order. `Column as usize` indexes this table; a
/// test checks that the two agree.
pub const COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        column: Column::ProviderName,
        header: "资源单位名称",
        english: "Provider organisation",
        required: true,
        description: "提供资源的单位全称，如“中国科学技术馆”。",
        width: 24.0,
    },
    ColumnSpec {
        column: Column::ResourceName,
        header: "资源名称",
        english: "Resource name",
        required: true,
        description: "场馆或活动资源的名称。同一单位有多个场馆或分馆时，每个一行，名称写明区别。",
        width: 24.0,
    },
    ColumnSpec {
        column: Column::ResourceType,
        header: "资源类型",
        english: "Resource type",
        required: true,
        description: "从可选值中选一个。",
        width: 14.0,
    },
    ColumnSpec {
        column: Column::Themes,
        header: "主题",
        english: "Themes",
        required: true,
        description: "一个或多个，用顿号“、”或逗号分隔，如“科学探究、劳动实践”。",
        width: 20.0,
    },
    ColumnSpec {
        column: Column::Stages,
        header: "适合学段",
        english: "School stages",
        required: true,
        description: "一个或多个，用顿号“、”或逗号分隔，如“小学高年级、初中”。",
        width: 24.0,
    },
    ColumnSpec {
        column: Column::Region,
        header: "所在地区",
        english: "Region",
        required: true,
        description: "填到区县：完整名称如“北京市海淀区”，不重名时可只写“海淀区”，也可填 6 位行政区划代码如“110108”。",
        width: 18.0,
    },
    ColumnSpec {
        column: Column::Address,
        header: "详细地址",
        english: "Address",
        required: true,
        description: "街道、门牌号等详细地址。",
        width: 30.0,
    },
    ColumnSpec {
        column: Column::Longitude,
        header: "经度",
        english: "Longitude",
        required: true,
        description: "十进制度数，如 116.3977。在地图上拾取坐标时，经度是较大的那个数（73 到 136 之间）。",
        width: 12.0,
    },
    ColumnSpec {
        column: Column::Latitude,
        header: "纬度",
        english: "Latitude",
        required: true,
        description: "十进制度数，如 39.9820。纬度是较小的那个数（3 到 54 之间）。",
        width: 12.0,
    },
    ColumnSpec {
        column: Column::Datum,
        header: "坐标系",
        english: "Coordinate system",
        required: false,
        description: "坐标来源：高德、腾讯地图为 GCJ-02，百度地图为 BD-09，GPS 设备为 WGS-84。不填时按 GCJ-02 处理。",
        width: 12.0,
    },
    ColumnSpec {
        column: Column::ContactName,
        header: "联系人",
        english: "Contact person",
        required: true,
        description: "负责接待学校的联系人姓名。",
        width: 12.0,
    },
    ColumnSpec {
        column: Column::ContactPhone,
        header: "联系电话",
        english: "Contact phone",
        required: true,
        description: "一个号码：11 位手机号，或带区号的座机如“010-12345678”“0755-1234567-801”，或 400/800 电话。",
        width: 18.0,
    },
    ColumnSpec {
        column: Column::OpeningHours,
        header: "开放时间",
        english: "Opening hours",
        required: true,
        description: "如“周二至周日 9:00-17:00，周一闭馆（法定节假日除外）”。",
        width: 30.0,
    },
    ColumnSpec {
        column: Column::GroupCapacity,
        header: "团体接待人数上限",
        english: "Max group size",
        required: true,
        description: "一次最多接待的学生团体人数，1 到 10000 之间的整数。",
        width: 16.0,
    },
    ColumnSpec {
        column: Column::Fee,
        header: "费用",
        english: "Fee",
        required: true,
        description: "从可选值中选一个。",
        width: 10.0,
    },
    ColumnSpec {
        column: Column::Strengths,
        header: "特色优势",
        english: "Strengths",
        required: false,
        description: "选填。资源的特色和优势。",
        width: 30.0,
    },
    ColumnSpec {
        column: Column::Services,
        header: "服务内容",
        english: "Services",
        required: false,
        description: "选填。可提供的课程、讲解、活动等。",
        width: 30.0,
    },
    ColumnSpec {
        column: Column::SafetyNotes,
        header: "无障碍与安全说明",
        english: "Accessibility and safety notes",
        required: false,
        description: "选填。无障碍设施、安全须知等。",
        width: 30.0,
    },
];

impl Column {
    pub const COUNT: usize = 18;

    /// Position in [`COLUMNS`] and in a [`crate::census::RawRow`].
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn spec(self) -> &'static ColumnSpec {
        // The table test guarantees COLUMNS[self as usize].column == self.
        &COLUMNS[self as usize]
    }

    pub fn header(self) -> &'static str {
        self.spec().header
    }

    /// All columns in template order.
    pub fn all() -> impl Iterator<Item = Column> {
        COLUMNS.iter().map(|spec| spec.column)
    }

    /// Finds the column whose header matches a header cell, ignoring
    /// spaces, a trailing `*` and a `（必填）`/`（选填）` note.
    pub fn from_header(text: &str) -> Option<Column> {
        let key = normalise_header(text);
        COLUMNS.iter().find(|spec| spec.header == key).map(|spec| spec.column)
    }
}

/// Strips what people add to header cells: whitespace anywhere, asterisks,
/// and a bracketed 必填/选填 note (full- or half-width brackets).
fn normalise_header(text: &str) -> String {
    let mut key: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*' && *c != '＊')
        .collect();
    for note in ["（必填）", "(必填)", "（选填）", "(选填)"] {
        key = key.replace(note, "");
    }
    key
}

/// Excel's letter name of a zero-based column index: 0 → "A", 26 → "AA".
pub fn column_letter(index: u32) -> String {
    let mut n = u64::from(index) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_order_matches_enum() {
        assert_eq!(COLUMNS.len(), Column::COUNT);
        for (i, spec) in COLUMNS.iter().enumerate() {
            assert_eq!(spec.column.index(), i, "{}", spec.header);
        }
    }

    #[test]
    fn headers_are_unique() {
        for (i, a) in COLUMNS.iter().enumerate() {
            for b in &COLUMNS[i + 1..] {
                assert_ne!(a.header, b.header);
            }
        }
    }

    #[test]
    fn header_accepts_decorations() {
        assert_eq!(Column::from_header("资源名称"), Some(Column::ResourceName));
        assert_eq!(Column::from_header(" 资源名称* "), Some(Column::ResourceName));
        assert_eq!(Column::from_header("资源名称（必填）"), Some(Column::ResourceName));
        assert_eq!(Column::from_header("特色优势(选填)"), Some(Column::Strengths));
        assert_eq!(Column::from_header("名称"), None);
    }

    #[test]
    fn letters_follow_excel() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
        assert_eq!(column_letter(16_383), "XFD");
    }
}
