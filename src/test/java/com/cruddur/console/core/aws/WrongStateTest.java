package com.cruddur.console.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WrongStateTest {
    @Test
    void saysWhatToWaitForOrWhyNothingIsNeeded() {
        assertThat(WrongState.explain("start", "db", "stopping")).endsWith("the instance is stopping; wait until it is stopped, then try again");
        assertThat(WrongState.explain("stop", "db", "starting")).endsWith("wait until it is available, then try again");
        assertThat(WrongState.explain("stop", "db", "stopping")).endsWith("already stopping; nothing to do");
        assertThat(WrongState.explain("reboot", "db", "stopping")).contains("stopped (then start it first)");
        assertThat(WrongState.explain("start", "db", "available")).contains("already running");
        assertThat(WrongState.explain("reboot", "db", "stopped")).contains("start it instead");
        assertThat(WrongState.explain("stop", "db", "deleting")).contains("being deleted");
        assertThat(WrongState.explain("start", "db", "incompatible-parameters")).endsWith("it must be stopped for this");
        assertThat(WrongState.explain("stop", "db", null)).contains("refresh");
    }
}
