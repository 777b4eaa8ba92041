package com.cruddur.console.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Unsaved work on the database (pending grid edits, an open Query transaction) and the one rule about it: before the
 * window leaves a context that would lose it (another profile, table or tab, quitting, a Reset or drop of its
 * database), the user is asked first — apply it, discard it, or cancel, which leaves everything as it was. Each
 * holder registers once; the question is asked about each piece of work, one at a time, before anything moves.
 * Toolkit-free: it asks through the {@link DialogService}, and apply / discard report back through callbacks, so a
 * same-thread task runner tests it.
 */
public final class UnsavedWork {
    /** Something that may hold unsaved work. */
    @FunctionalInterface
    public interface Holder {
        /** The work that would be lost now, or null when there is none. */
        Pending pending();
    }

    /** Applies or discards a piece of work; exactly one of the callbacks runs, on the UI thread. */
    @FunctionalInterface
    public interface Action {
        void run(Runnable done, Consumer<String> failed);
    }

    /**
     * A piece of unsaved work.
     *
     * @param what          what would be lost, as the question says it ("3 pending changes to public.users")
     * @param profile       the profile it lives on
     * @param database      the database it lives in
     * @param tab           the id of the tab that holds it
     * @param applyAction   the words on the button that keeps it ("Apply 3 changes", "Commit"), or null when it
     *                      cannot be kept (a failed transaction)
     * @param apply         keeps it (null with applyAction)
     * @param discardAction the words on the button that loses it ("Discard 3 changes", "Roll back")
     * @param discard       loses it
     * @param note          said after the question when it matters (an open transaction blocks DROP DATABASE), or null
     */
    public record Pending(String what, String profile, String database, String tab, String applyAction,
                          Action apply, String discardAction, Action discard, String note) {
        public Pending {
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(discardAction, "discardAction");
            Objects.requireNonNull(discard, "discard");
            if ((applyAction == null) != (apply == null)) {
                throw new IllegalArgumentException("an apply action has its button's words");
            }
        }

        /** True when this work lives in {@code database} of the server {@code profile} reaches. */
        public boolean isIn(String profile, String database) {
            return Objects.equals(this.profile, profile) && Objects.equals(this.database, database);
        }
    }

    private record Registered(Holder holder, DialogService dialogs) {
    }

    /** A piece of work and the dialogs of the view model that holds it (which asks about it). */
    private record Asked(Pending work, DialogService dialogs) {
    }

    private final List<Registered> holders = new ArrayList<>();
    private boolean asking;

    /**
     * From now on, {@code holder}'s work is asked about before leaving, through {@code dialogs} (its view model's).
     */
    public void register(Holder holder, DialogService dialogs) {
        holders.add(new Registered(Objects.requireNonNull(holder), Objects.requireNonNull(dialogs)));
    }

    /** The unsaved work now, of the holders {@code which} selects. */
    public List<Pending> pending(Predicate<Pending> which) {
        return asked(which).stream().map(Asked::work).toList();
    }

    private List<Asked> asked(Predicate<Pending> which) {
        List<Asked> out = new ArrayList<>();
        for (Registered r : holders) {
            Pending p = r.holder().pending();
            if (p != null && which.test(p)) {
                out.add(new Asked(p, r.dialogs()));
            }
        }
        return out;
    }

    /** True when any holder has unsaved work. */
    public boolean any() {
        return !pending(p -> true).isEmpty();
    }

    /**
     * Before {@code leaving} ("switch to profile prod", "quit"): asks about each piece of unsaved work {@code which}
     * selects and, once every one is applied or discarded, runs {@code proceed}. Cancel, or an apply or discard that
     * fails (shown with why), stops there: {@code proceed} never runs and what was not handled yet stays as it was.
     * With nothing to ask about, {@code proceed} runs at once. A second leave while one is being asked about stays.
     */
    public void beforeLeaving(String leaving, Predicate<Pending> which, Runnable proceed) {
        if (asking) {
            return;
        }
        List<Asked> work = asked(which);
        if (work.isEmpty()) {
            proceed.run();
            return;
        }
        asking = true;
        next(leaving, work, 0, proceed);
    }

    private void next(String leaving, List<Asked> work, int i, Runnable proceed) {
        if (i == work.size()) {
            asking = false;
            proceed.run();
            return;
        }
        Pending p = work.get(i).work();
        DialogService dialogs = work.get(i).dialogs();
        UnsavedChoice choice;
        try {
            choice = dialogs.askUnsaved(question(leaving, p), p);
        } catch (RuntimeException e) {
            asking = false;
            throw e;
        }
        Action action = switch (choice == null ? UnsavedChoice.CANCEL : choice) {
            case APPLY -> p.apply();
            case DISCARD -> p.discard();
            case CANCEL -> null;
        };
        if (action == null) {
            asking = false;
            return;
        }
        String verb = choice == UnsavedChoice.APPLY ? p.applyAction() : p.discardAction();
        action.run(() -> next(leaving, work, i + 1, proceed), why -> {
            asking = false;
            dialogs.showError(verb + " failed", why + "\n\nYou stay where you were (" + leaving
                    + " did not happen); " + p.what() + " " + (choice == UnsavedChoice.APPLY ? "is still there."
                    : "may still be there."));
        });
    }

    /** The question's text: what would be lost, before what, and what each answer does. */
    static String question(String leaving, Pending p) {
        return "Before you " + leaving + ": " + p.what() + " would be lost."
                + (p.note() == null ? "" : " " + p.note())
                + (p.apply() == null ? "" : "\n\n" + p.applyAction() + " keeps it, then goes on.")
                + "\n" + p.discardAction() + " loses it, then goes on. Cancel stays here and keeps everything as it is.";
    }
}
