package com.cruddur.console.core.browse;

import java.math.BigDecimal;

/** Floating-point numbers written the way PostgreSQL's float8out/float4out write them (1.5, 1e+20, NaN). */
final class NumberText {
    private NumberText() {
    }

    static String ofDouble(double d) {
        return format(d, Double.isNaN(d) || Double.isInfinite(d) ? null : new BigDecimal(Double.toString(d)), 15);
    }

    static String ofFloat(float f) {
        return format(f, Float.isNaN(f) || Float.isInfinite(f) ? null : new BigDecimal(Float.toString(f)), 6);
    }

    private static String format(double d, BigDecimal exact, int digits) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (exact == null) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal b = exact.stripTrailingZeros();
        int exponent = b.precision() - b.scale() - 1;
        if (exponent >= -4 && exponent < digits) {
            return b.toPlainString();
        }
        String unscaled = b.unscaledValue().abs().toString();
        String mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
        String exp = String.format("%02d", Math.abs(exponent));
        return (b.signum() < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }
}
