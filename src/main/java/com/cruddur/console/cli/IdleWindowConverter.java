package com.cruddur.console.cli;

import com.cruddur.console.core.aws.RdsMetrics;
import picocli.CommandLine;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --idle 2h}: minutes, hours or days ({@code 90m}, {@code 2h}, {@code 1d}), from 15 minutes to 7 days. */
final class IdleWindowConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("([0-9]{1,6})\\s*(m|min|h|d)");
    /** Three 5-minute periods: fewer would take a quiet quarter of an hour for an idle instance. */
    static final Duration MIN = Duration.ofMinutes(15);

    @Override
    public Duration convert(String value) {
        Matcher m = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: give minutes, hours or"
                    + " days such as 90m, 2h or 1d");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        };
        if (d.compareTo(MIN) < 0 || d.compareTo(RdsMetrics.MAX_WINDOW) > 0) {
            throw new CommandLine.TypeConversionException("--idle " + value + " is out of range: give 15m to 7d");
        }
        return d;
    }
}
