package dev.mailsift.api.job;

/** Why a list was turned away; nothing is charged for any of them. */
public enum RejectionReason {
    /** Not a readable CSV, TSV, TXT or XLSX (binary, broken, bomb, wrong encoding). */
    UNREADABLE_FILE,
    /** Over the size or row limits. */
    TOO_LARGE,
    /** No column holds email addresses (or the override names none). */
    NO_EMAIL_COLUMN,
    /** No addresses at all. */
    EMPTY_LIST,
    /** The balance does not cover the addresses to check. */
    INSUFFICIENT_CREDITS,
    /** The account may not spend credits (unconfirmed or suspended). */
    ACCOUNT_NOT_ALLOWED
}
