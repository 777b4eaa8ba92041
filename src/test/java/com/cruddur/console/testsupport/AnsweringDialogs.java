package com.cruddur.console.testsupport;

import com.cruddur.console.ui.common.DestructiveChoice;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.UnsavedChoice;
import com.cruddur.console.ui.common.UnsavedWork;

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

    /** Every destructive choice asked, in order (its button's words and the SQL it showed). */
    public final List<DestructiveChoice> destructive = Collections.synchronizedList(new ArrayList<>());

    /** Answers a protected target's question with {@link #typedAnswer}, any other with {@link #confirmAnswer}. */
    @Override
    public Optional<String> confirmDestructive(DestructiveChoice choice) {
        destructive.add(choice);
        questions.add(choice.title() + ": " + choice.message());
        if (choice.typedName() != null) {
            return Optional.ofNullable(typedAnswer);
        }
        return confirmAnswer ? Optional.of("") : Optional.empty();
    }

    /** Every unsaved-work question asked, in order (the question's text). */
    public final List<String> unsaved = Collections.synchronizedList(new ArrayList<>());
    /** The answer to an unsaved-work question; Cancel unless a test says otherwise. */
    public volatile UnsavedChoice unsavedAnswer = UnsavedChoice.CANCEL;

    @Override
    public UnsavedChoice askUnsaved(String question, UnsavedWork.Pending work) {
        unsaved.add(question);
        questions.add("Unsaved work: " + question);
        return unsavedAnswer;
    }

    @Override
    public Optional<String> askPassword(String title, String message) {
        questions.add(title + ": " + message);
        return Optional.ofNullable(passwordAnswer);
    }
}
