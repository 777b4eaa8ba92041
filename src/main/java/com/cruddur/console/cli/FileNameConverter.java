package com.cruddur.console.cli;

import picocli.CommandLine;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A FILE or DIR option while parsing: an empty or blank value (an unset shell variable, {@code --seed ''}) is a usage
 * error naming the option, not the current folder it would otherwise resolve to.
 */
final class FileNameConverter implements CommandLine.ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
        if (value == null || value.isBlank()) {
            throw new CommandLine.TypeConversionException("needs a file name, got an empty value (an unset shell"
                    + " variable?)");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a usable file name: " + e.getReason());
        }
    }
}
