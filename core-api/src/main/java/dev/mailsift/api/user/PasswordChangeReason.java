package dev.mailsift.api.user;

/** Why a password changed: the signed-in user changed it, or it was reset with a mailed code. */
public enum PasswordChangeReason {
    CHANGED,
    RESET
}
