use super::*;
use crate::booking::prng::SplitMix64;

/// Builds a code for each of a few hundred pseudo-random byte arrays.
fn sample_codes() -> Vec<CheckinCode> {
    let mut rng = SplitMix64::new(8);
    (0..300)
        .map(|_| {
            let bytes = rng.next_u64().to_le_bytes();
            CheckinCode::from_random([bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6]])
        })
        .collect()
}

#[test]
fn fixed_bytes_give_fixed_code() {
    // Check characters computed independently in Python.
    assert_eq!(CheckinCode::from_random([0, 1, 2, 3, 4, 5, 6]).as_str(), "2345678Z");
    assert_eq!(
        CheckinCode::from_random([255, 200, 17, 9, 31, 0, 12]).as_str(),
        "ZAKBZ2EQ"
    );
}

#[test]
fn generated_codes_parse_back() {
    for code in sample_codes() {
        assert_eq!(code.as_str().len(), CODE_CHARS);
        assert_eq!(CheckinCode::parse(code.as_str()), Ok(code.clone()));
        assert_eq!(CheckinCode::parse(&code.display()), Ok(code.clone()));
        assert!(!code.as_str().contains(['0', 'O', '1', 'I']));
    }
}

#[test]
fn typed_forms_normalise() {
    let expected = CheckinCode::from_random([255, 200, 17, 9, 31, 0, 12]);
    for typed in [
        "ZAKBZ2EQ",
        "zakb-z2eq",
        " zakb z2eq ",
        "ＺＡＫＢ－Ｚ２ＥＱ",
        "ZAKB\u{3000}Z2EQ",
        "ZAKB—Z2EQ",
    ] {
        assert_eq!(CheckinCode::parse(typed), Ok(expected.clone()), "{typed}");
    }
}

#[test]
fn scanned_payloads_parse() {
    let code = CheckinCode::from_random([0, 1, 2, 3, 4, 5, 6]);
    assert_eq!(code.qr_payload(), "/checkin/2345678Z");
    for scanned in [
        "/checkin/2345678Z",
        "https://xieyu.example.org/checkin/2345678Z",
        "https://xieyu.example.org/checkin/2345678Z?from=qr",
        "/checkin/2345678Z/",
    ] {
        assert_eq!(CheckinCode::parse(scanned), Ok(code.clone()), "{scanned}");
    }
}

#[test]
fn display_groups_in_fours() {
    assert_eq!(CheckinCode::from_random([0, 1, 2, 3, 4, 5, 6]).display(), "2345-678Z");
}

#[test]
fn every_single_typo_caught() {
    for code in sample_codes().iter().take(50) {
        let original: Vec<char> = code.as_str().chars().collect();
        for position in 0..original.len() {
            for replacement in CODE_ALPHABET.iter().map(|b| char::from(*b)) {
                if replacement == original[position] {
                    continue;
                }
                let mut typo = original.clone();
                typo[position] = replacement;
                let typo: String = typo.into_iter().collect();
                assert!(CheckinCode::parse(&typo).is_err(), "{typo} from {}", code.as_str());
            }
        }
    }
}

#[test]
fn neighbour_swaps_caught_except_two_and_z() {
    for code in sample_codes() {
        let original: Vec<char> = code.as_str().chars().collect();
        for position in 0..original.len() - 1 {
            let (a, b) = (original[position], original[position + 1]);
            if a == b || matches!((a, b), ('2', 'Z') | ('Z', '2')) {
                continue;
            }
            let mut swapped = original.clone();
            swapped.swap(position, position + 1);
            let swapped: String = swapped.into_iter().collect();
            assert!(
                CheckinCode::parse(&swapped).is_err(),
                "{swapped} from {}",
                code.as_str()
            );
        }
    }
}

#[test]
fn confusable_character_named() {
    let err = CheckinCode::parse("ZAKB-Z0EQ").unwrap_err();
    assert_eq!(err.zh, "签到码不含“0”：签到码不使用 0、O、1、I，请核对后重新输入");
    let err = CheckinCode::parse("zakbz2e!").unwrap_err();
    assert_eq!(err.zh, "签到码不含“!”：签到码只由数字 2–9 和英文字母组成");
}

#[test]
fn wrong_length_and_empty_rejected() {
    assert_eq!(CheckinCode::parse("  ").unwrap_err().zh, "请输入签到码");
    assert_eq!(
        CheckinCode::parse("ZAKB-Z2E").unwrap_err().zh,
        "签到码应为 8 位，当前为 7 位"
    );
    assert_eq!(
        CheckinCode::parse("ZAKB-Z2EQ2").unwrap_err().zh,
        "签到码应为 8 位，当前为 9 位"
    );
    assert_eq!(
        CheckinCode::parse("ZAKB-Z2ER").unwrap_err().zh,
        "签到码有误，请核对后重新输入"
    );
}

#[cfg(feature = "ssr")]
#[test]
fn generated_code_is_valid() {
    let code = generate_code(&mut rand::rng());
    assert_eq!(CheckinCode::parse(code.as_str()), Ok(code));
}

#[cfg(feature = "ssr")]
#[test]
fn qr_svg_renders_payload() {
    let code = CheckinCode::from_random([0, 1, 2, 3, 4, 5, 6]);
    let svg = qr_svg(&code.qr_payload()).expect("short payload fits");
    assert!(svg.starts_with("<?xml"), "{}", &svg[..40.min(svg.len())]);
    assert!(svg.contains("<svg"));
    assert!(svg.contains("<path"));
    assert_eq!(qr_svg(&"x".repeat(3_000)), None);
}
