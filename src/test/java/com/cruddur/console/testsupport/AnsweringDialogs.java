package com.cruddur.console.testsupport;

import com.cruddur.console.ui.common.DialogService;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A DialogService for GUI and view-model tests: records what was shown and answers from a script. */
public final class AnsweringDialogs implements DialogService {
    public final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    public final List<String> infos = Collections.synchronizedList(new ArrayList<>());
    public final List<String> questions = Collections.synchronizedList(new ArrayList<>());
    public volatile boolean confirmAnswer = true;
    public volatile String typedAnswer;
    public volatile String passwordAnswer;
    /** When set, showing an error throws it (a toolkit that is gone, a dialog that cannot open). */
    public volatile RuntimeException showErrorFails;

    @Override
    public void showError(String title, String message) {
        if (showErrorFails != null) {
            throw showErrorFails;
        }
        errors.add(title + ": " + message);
    }

    @Override
    public void showInfo(String title, String message) {
        infos.add(title + ": " + message);
    }

    @Override
    public boolean confirm(String title, String message) {
        questions.add(title + ": " + message);
        return confirmAnswer;
    }

    @Override
    public Optional<String> typedConfirmation(String title, String message, String expectedName) {
        questions.add(title + ": " + message);
        return Optional.ofNullable(typedAnswer);
    }

    @Override
    public Optional<String> askPassword(String title, String message) {
        questions.add(title + ": " + message);
        return Optional.ofNullable(passwordAnswer);
    }
}
