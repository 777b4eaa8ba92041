package com.cruddur.console.cli;

import com.cruddur.console.core.aws.AwsProblem;
import com.cruddur.console.core.aws.RdsIds;
import picocli.CommandLine;

/**
 * {@code --instance ID} as RDS keeps it (lower case), so the prod link, the typed confirmation, the audit log and a
 * profile named after it all see one spelling; a malformed id is a usage error (exit 2) saying what to give.
 */
final class InstanceIdConverter implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
        try {
            return RdsIds.instance(value);
        } catch (AwsProblem p) {
            throw new CommandLine.TypeConversionException(p.getMessage());
        }
    }
}
