//! The words of the opening-hours text form and the keyword each stands for.

use super::lexer::Word;

/// Words, matched longest first, after full-width folding.
#[rustfmt::skip]
pub(crate) const WORDS: &[(&str, Word)] = &[
    ("每周", Word::EveryWeek), ("每天", Word::EveryDay), ("每日", Word::EveryDay), ("天天", Word::EveryDay),
    ("工作日", Word::Workdays), ("周末", Word::Weekend), ("双休日", Word::Weekend),
    ("全年", Word::AllYear), ("常年", Word::AllYear), ("无休", Word::Open),
    ("全天", Word::AllDay), ("小时", Word::Hours),
    ("闭馆", Word::Closed), ("休馆", Word::Closed), ("闭园", Word::Closed), ("休园", Word::Closed),
    ("闭馆日", Word::Closed), ("休息日", Word::Closed), ("休息", Word::Closed), ("不开放", Word::Closed),
    ("暂停开放", Word::Closed), ("停止开放", Word::Closed), ("不对外开放", Word::Closed), ("关闭", Word::Closed),
    ("开放", Word::Open), ("开馆", Word::Open), ("开园", Word::Open), ("营业", Word::Open),
    ("对外开放", Word::Open), ("开放日", Word::Open), ("接待", Word::Open),
    ("停止入场", Word::LastEntry), ("停止入馆", Word::LastEntry), ("停止进馆", Word::LastEntry),
    ("停止进场", Word::LastEntry), ("停止入园", Word::LastEntry), ("停止售票", Word::LastEntry),
    ("停止检票", Word::LastEntry), ("停止领票", Word::LastEntry), ("止票", Word::LastEntry),
    ("最晚入场", Word::LastEntry), ("最晚入馆", Word::LastEntry), ("最后入场", Word::LastEntry),
    ("最后入馆", Word::LastEntry), ("入场截止", Word::LastEntry), ("截止入场", Word::LastEntry),
    ("前入场", Word::LastEntry), ("前入馆", Word::LastEntry), ("前进馆", Word::LastEntry),
    ("法定节假日", Word::Holiday), ("法定假日", Word::Holiday), ("法定节日", Word::Holiday),
    ("节假日", Word::Holiday), ("节日", Word::Holiday), ("公众假期", Word::Holiday),
    ("除外", Word::Except), ("照常", Word::AsUsual), ("正常", Word::AsUsual), ("照旧", Word::AsUsual),
    ("按", Word::Follow), ("按照", Word::Follow), ("同", Word::Follow), ("参照", Word::Follow),
    ("调休上班日", Word::Makeup), ("调休工作日", Word::Makeup), ("调休日", Word::Makeup),
    ("补班日", Word::Makeup), ("补班", Word::Makeup), ("调休", Word::Makeup),
    ("除夕", Word::Eve), ("大年三十", Word::Eve), ("年三十", Word::Eve),
    ("正月", Word::FirstMonth), ("大年", Word::FirstMonth),
    ("元旦", Word::Festival("元旦")), ("春节", Word::Festival("春节")),
    ("清明节", Word::Festival("清明节")), ("清明", Word::Festival("清明节")),
    ("劳动节", Word::Festival("劳动节")), ("五一", Word::Festival("劳动节")),
    ("端午节", Word::Festival("端午节")), ("端午", Word::Festival("端午节")),
    ("中秋节", Word::Festival("中秋节")), ("中秋", Word::Festival("中秋节")),
    ("国庆节", Word::Festival("国庆节")), ("国庆", Word::Festival("国庆节")),
    ("春季", Word::Season("春季")), ("夏季", Word::Season("夏季")), ("秋季", Word::Season("秋季")),
    ("冬季", Word::Season("冬季")), ("旺季", Word::Season("旺季")), ("淡季", Word::Season("淡季")),
    ("夏令时", Word::Season("夏令时")), ("冬令时", Word::Season("冬令时")), ("暑期", Word::Season("暑期")),
    ("暑假", Word::Season("暑假")), ("寒假", Word::Season("寒假")),
    ("年", Word::Year), ("月", Word::Month), ("日", Word::Day), ("号", Word::Day),
    ("点", Word::Hour), ("时", Word::Hour), ("分", Word::Minute), ("半", Word::Half),
    ("上午", Word::Morning), ("早上", Word::Morning), ("中午", Word::Noon),
    ("下午", Word::Afternoon), ("晚上", Word::Afternoon), ("傍晚", Word::Afternoon),
    ("开放时间", Word::Filler), ("营业时间", Word::Filler), ("时间", Word::Filler), ("时段", Word::Filler),
    ("每", Word::Filler), ("每年", Word::Filler), ("期间", Word::Filler), ("假期", Word::Filler), ("国家", Word::Filler),
    ("农历", Word::Filler), ("如遇", Word::Filler), ("遇到", Word::Filler), ("遇", Word::Filler),
    ("逢", Word::Filler), ("则", Word::Filler), ("均", Word::Filler), ("为", Word::Filler),
    ("是", Word::Filler), ("的", Word::Filler), ("其余", Word::Filler), ("其他", Word::Filler),
    ("另", Word::Filler), ("起", Word::Filler), ("从", Word::Filler), ("在", Word::Filler),
    ("当天", Word::Filler), ("当日", Word::Filler), ("之后", Word::Filler), ("以后", Word::Filler),
    ("后", Word::Filler), ("之前", Word::Filler), ("以前", Word::Filler), ("前", Word::Filler),
    ("次年", Word::Filler), ("翌年", Word::Filler), ("内", Word::Filler), ("也", Word::Filler),
    ("都", Word::Filler), ("全部", Word::Filler), ("含", Word::Filler), ("包括", Word::Filler),
];

pub(crate) const LUNAR_DAYS: [&str; 10] = [
    "初一", "初二", "初三", "初四", "初五", "初六", "初七", "初八", "初九", "初十",
];
