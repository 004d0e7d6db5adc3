//! The great-circle distance between a shopper and a store (SPEC §17), with the sine, cosine and
//! arcsine it needs written for the arguments it gives them.
//!
//! Why not `f64::sin`: on wasm32 the standard library's trigonometry is libm's, whose sine and
//! cosine carry Payne–Hanek reduction for arguments up to 1e308 (`rem_pio2_large` and its table of
//! 2/π). A distance's arguments are latitudes and half-differences of coordinates, never beyond π,
//! so that reduction is dead weight, about 2 KB gzipped of every page that loads the element's
//! second module (BENCHMARKS.md, "In-store pickup"). What is left is fdlibm's own method for those
//! arguments (`__rem_pio2`'s medium case, the `__sin`/`__cos` kernels, `asin`), so the results
//! agree with libm's to the last bit or one: `tests` below compares them over the whole range.

// fdlibm's constants as it publishes them, digits beyond a double's included.
#![allow(clippy::excessive_precision)]

use crate::document::GeoPoint;

/// The Earth's mean radius in km, as SPEC §17 fixes it for great-circle distances.
pub(crate) const EARTH_RADIUS_KM: f64 = 6371.0;

/// The haversine great-circle distance in km between two points in degrees, on a sphere of
/// radius 6,371 km (SPEC §17). Latitudes lie within ±90 and longitudes within ±180 (the contract
/// refuses others), so every angle below lies within ±π.
pub(crate) fn great_circle_km(a: GeoPoint, b: GeoPoint) -> f64 {
    let (lat1, lat2) = (a.latitude.to_radians(), b.latitude.to_radians());
    let half_dlat = (lat2 - lat1) / 2.0;
    let half_dlon = (b.longitude - a.longitude).to_radians() / 2.0;
    let h = sin(half_dlat).powi(2) + cos(lat1) * cos(lat2) * sin(half_dlon).powi(2);
    // `min(1.0)`: rounding may push antipodal points a hair above 1.
    2.0 * EARTH_RADIUS_KM * asin(h.sqrt().min(1.0))
}

/// sin(x) for |x| ≤ π (beyond, the reduction below loses precision).
fn sin(x: f64) -> f64 {
    let (n, y0, y1) = reduce(x);
    match n & 3 {
        0 => kernel_sin(y0, y1),
        1 => kernel_cos(y0, y1),
        2 => -kernel_sin(y0, y1),
        _ => -kernel_cos(y0, y1),
    }
}

/// cos(x) for |x| ≤ π.
fn cos(x: f64) -> f64 {
    let (n, y0, y1) = reduce(x);
    match n & 3 {
        0 => kernel_cos(y0, y1),
        1 => -kernel_sin(y0, y1),
        2 => -kernel_cos(y0, y1),
        _ => kernel_sin(y0, y1),
    }
}

/// x = n·π/2 + (y0 + y1) with |y0 + y1| ≤ π/4, for |x| up to a few π: fdlibm's `__rem_pio2`
/// medium case (Cody–Waite with π/2 in three parts, taking more of it when x lies so near a
/// multiple of π/2 that the first part cancels).
fn reduce(x: f64) -> (i32, f64, f64) {
    const PIO2_1: f64 = 1.570_796_326_734_125_614_17; // first 33 bits of π/2
    const PIO2_1T: f64 = 6.077_100_506_506_192_249_32e-11; // π/2 − PIO2_1
    const PIO2_2: f64 = 6.077_100_506_303_965_976_60e-11; // second 33 bits of π/2
    const PIO2_2T: f64 = 2.022_266_248_795_950_631_54e-21; // π/2 − (PIO2_1 + PIO2_2)
    const PIO2_3: f64 = 2.022_266_248_711_166_455_80e-21; // third 33 bits of π/2
    const PIO2_3T: f64 = 8.478_427_660_368_899_569_97e-32; // π/2 − (PIO2_1 + PIO2_2 + PIO2_3)
    let exponent = |v: f64| ((v.to_bits() >> 52) & 0x7ff) as i32;

    let n = (x * core::f64::consts::FRAC_2_PI).round();
    let mut r = x - n * PIO2_1;
    let mut w = n * PIO2_1T;
    let mut y0 = r - w;
    let ex = exponent(x);
    if ex - exponent(y0) > 16 {
        let t = r;
        w = n * PIO2_2;
        r = t - w;
        w = n * PIO2_2T - ((t - r) - w);
        y0 = r - w;
        if ex - exponent(y0) > 49 {
            let t = r;
            w = n * PIO2_3;
            r = t - w;
            w = n * PIO2_3T - ((t - r) - w);
            y0 = r - w;
        }
    }
    (n as i32, y0, (r - y0) - w)
}

/// sin(x + y) for |x + y| ≤ π/4, y the tail of x: fdlibm's `__sin` kernel.
fn kernel_sin(x: f64, y: f64) -> f64 {
    const S1: f64 = -1.666_666_666_666_663_243_48e-1;
    const S2: f64 = 8.333_333_333_322_489_461_24e-3;
    const S3: f64 = -1.984_126_982_985_794_931_34e-4;
    const S4: f64 = 2.755_731_370_707_006_767_89e-6;
    const S5: f64 = -2.505_076_025_340_686_341_95e-8;
    const S6: f64 = 1.589_690_995_211_550_102_21e-10;
    let z = x * x;
    let w = z * z;
    let r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
    let v = z * x;
    x - ((z * (0.5 * y - v * r) - y) - v * S1)
}

/// cos(x + y) for |x + y| ≤ π/4, y the tail of x: fdlibm's `__cos` kernel.
fn kernel_cos(x: f64, y: f64) -> f64 {
    const C1: f64 = 4.166_666_666_666_660_190_37e-2;
    const C2: f64 = -1.388_888_888_887_410_957_49e-3;
    const C3: f64 = 2.480_158_728_947_672_941_78e-5;
    const C4: f64 = -2.755_731_435_139_066_330_35e-7;
    const C5: f64 = 2.087_572_321_298_174_827_90e-9;
    const C6: f64 = -1.135_964_755_778_819_482_65e-11;
    let z = x * x;
    let w = z * z;
    let r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
    let hz = 0.5 * z;
    let w = 1.0 - hz;
    w + (((1.0 - w) - hz) + (z * r - x * y))
}

/// asin(x) for 0 ≤ x ≤ 1 (a haversine's square root): fdlibm's `asin`.
fn asin(x: f64) -> f64 {
    const PIO2_HI: f64 = core::f64::consts::FRAC_PI_2;
    const PIO2_LO: f64 = 6.123_233_995_736_766_035_87e-17;
    // asin(x) = x + x·R(x²) near 0, a rational function R = p/q.
    let r = |z: f64| {
        let p = z
            * (1.666_666_666_666_666_574_15e-1
                + z * (-3.255_658_186_224_009_154_05e-1
                    + z * (2.012_125_321_348_629_258_81e-1
                        + z * (-4.005_553_450_067_941_140_27e-2
                            + z * (7.915_349_942_898_145_321_76e-4 + z * 3.479_331_075_960_211_675_70e-5)))));
        let q = 1.0
            + z * (-2.403_394_911_734_414_218_78
                + z * (2.020_945_760_233_505_694_71 + z * (-6.882_839_716_054_532_930_30e-1 + z * 7.703_815_055_590_193_527_91e-2)));
        p / q
    };
    if x >= 1.0 {
        return PIO2_HI + PIO2_LO;
    }
    if x < 0.5 {
        // Below 2⁻²⁶, x·R(x²) is under half an ulp of x.
        return if x < f64::from_bits(0x3e50_0000_0000_0000) { x } else { x + x * r(x * x) };
    }
    // asin(x) = π/2 − 2·asin(√((1 − x)/2)), with √ split in two halves when precision needs it.
    let z = (1.0 - x) * 0.5;
    let s = z.sqrt();
    if x >= 0.975 {
        return PIO2_HI - (2.0 * (s + s * r(z)) - PIO2_LO);
    }
    let f = f64::from_bits(s.to_bits() & 0xffff_ffff_0000_0000);
    let c = (z - f * f) / (s + f);
    0.5 * PIO2_HI - (2.0 * s * r(z) - (PIO2_LO - 2.0 * c) - (0.5 * PIO2_HI - 2.0 * f))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many representable doubles lie between `a` and `b` (both finite, same sign or zero).
    fn ulps(a: f64, b: f64) -> u64 {
        let key = |v: f64| {
            let bits = v.to_bits() as i64;
            if bits < 0 {
                i64::MIN - bits
            } else {
                bits
            }
        };
        key(a).abs_diff(key(b))
    }

    fn point(latitude: f64, longitude: f64) -> GeoPoint {
        GeoPoint { latitude, longitude }
    }

    #[test]
    fn distances_are_great_circle_on_the_spec_radius_spec_17() {
        // Paris (Notre-Dame) to London (Charing Cross): 343.8 km on a 6,371 km sphere (Python's
        // `math` haversine gives 343.80214319558496).
        let km = great_circle_km(point(48.8530, 2.3499), point(51.5073, -0.1276));
        assert!((km - 343.802_143_195_585).abs() < 1e-9, "{km}");
        assert_eq!(great_circle_km(point(10.0, 20.0), point(10.0, 20.0)), 0.0);
        // Antipodes: half the circumference, π × 6,371.
        let half = great_circle_km(point(0.0, 0.0), point(0.0, 180.0));
        assert!((half - core::f64::consts::PI * EARTH_RADIUS_KM).abs() < 1e-6, "{half}");
    }

    #[test]
    fn agrees_with_the_standard_library_at_the_edges() {
        use core::f64::consts::{FRAC_PI_2, FRAC_PI_4, PI};
        for x in [0.0, -0.0, 1e-300, 1e-9, FRAC_PI_4, FRAC_PI_2, 3.0 * FRAC_PI_4, PI, 1.0, -1.0, -FRAC_PI_2, -PI] {
            assert!(ulps(sin(x), x.sin()) <= 1, "sin({x}) = {} against {}", sin(x), x.sin());
            assert!(ulps(cos(x), x.cos()) <= 1, "cos({x}) = {} against {}", cos(x), x.cos());
        }
        // Near π/2, the first part of π/2 cancels: the second and third parts keep cos exact.
        assert!((cos(FRAC_PI_2) - 6.123_233_995_736_766e-17).abs() < 1e-30, "{}", cos(FRAC_PI_2));
        for x in [0.0, 1e-10, 0.25, 0.4999, 0.5, 0.7, 0.974_999, 0.975, 0.999_999, 1.0] {
            assert!(ulps(asin(x), x.asin()) <= 1, "asin({x}) = {} against {}", asin(x), x.asin());
        }
    }

    // Properties run natively (proptest is a native dev-dependency), against the platform's libm.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn sine_and_cosine_agree_with_the_standard_library_within_one_ulp(x in -core::f64::consts::PI..=core::f64::consts::PI) {
                prop_assert!(ulps(sin(x), x.sin()) <= 1, "sin({}) = {} against {}", x, sin(x), x.sin());
                prop_assert!(ulps(cos(x), x.cos()) <= 1, "cos({}) = {} against {}", x, cos(x), x.cos());
            }

            #[test]
            fn arcsine_agrees_with_the_standard_library_within_one_ulp(x in 0.0f64..=1.0) {
                prop_assert!(ulps(asin(x), x.asin()) <= 1, "asin({}) = {} against {}", x, asin(x), x.asin());
            }

            #[test]
            fn distances_agree_with_the_standard_library_to_a_metre(
                lat1 in -90.0f64..=90.0, long1 in -180.0f64..=180.0, lat2 in -90.0f64..=90.0, long2 in -180.0f64..=180.0,
            ) {
                let (a, b) = ((lat1.to_radians(), long1), (lat2.to_radians(), long2));
                let h = ((b.0 - a.0) / 2.0).sin().powi(2)
                    + a.0.cos() * b.0.cos() * ((long2 - long1).to_radians() / 2.0).sin().powi(2);
                let std = 2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin();
                let ours = great_circle_km(point(lat1, long1), point(lat2, long2));
                prop_assert!((ours - std).abs() < 1e-3, "{} against {}", ours, std);
            }
        }
    }
}
