package com.cruddur.console.ui.common;

/** The answer to "unsaved work would be lost": apply (or commit) it first, discard (or roll back) it, or stay. */
public enum UnsavedChoice {
    APPLY, DISCARD, CANCEL
}
