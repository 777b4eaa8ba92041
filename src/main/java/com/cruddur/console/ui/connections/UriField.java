package com.cruddur.console.ui.connections;

import javafx.scene.AccessibleAttribute;
import javafx.scene.control.Skin;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.TextFieldSkin;

/**
 * The field a connection URI is pasted or typed into. Unlike a PasswordField, which hides every character, it hides
 * only the password ({@link UriMask}), so a typo elsewhere can be seen; it still holds the whole URI for the import.
 * As in a PasswordField, the password never leaves it through the clipboard or a screen reader.
 */
public final class UriField extends TextField {
    @Override
    protected Skin<?> createDefaultSkin() {
        return new TextFieldSkin(this) {
            @Override
            protected String maskText(String txt) {
                return UriMask.mask(txt);
            }
        };
    }

    /** Copies the selection unless it holds part of a password (then nothing, as a PasswordField does). */
    @Override
    public void copy() {
        if (!selectionHoldsPassword()) {
            super.copy();
        }
    }

    @Override
    public void cut() {
        if (!selectionHoldsPassword()) {
            super.cut();
        }
    }

    @Override
    public Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
        if (attribute == AccessibleAttribute.TEXT) {
            return UriMask.mask(getText() == null ? "" : getText());
        }
        return super.queryAccessibleAttribute(attribute, parameters);
    }

    private boolean selectionHoldsPassword() {
        String shown = UriMask.mask(getText() == null ? "" : getText());
        return shown.substring(getSelection().getStart(), getSelection().getEnd()).indexOf(UriMask.BULLET) >= 0;
    }
}
