package com.cruddur.console.ui.rds;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.AwsSettings;

/** Opens the AWS services for some settings; always called in a background task. Tests hand in their own. */
@FunctionalInterface
public interface AwsSessionFactory {
    AwsSession open(AwsSettings settings);

    /** The real one: the user's ~/.aws files and environment, audit to the core's audit log, prices kept in the state folder. */
    static AwsSessionFactory forUser(CoreServices core) {
        return s -> AwsSession.open(s, core.paths().home(), core.env(), core.audit(), core.paths().stateDir());
    }
}
