package dev.mailsift.api.user;

/**
 * A page of accounts for operators, oldest first; answered with a {@link UserPage}.
 *
 * @param emailContains optional filter (case-insensitive substring of the address)
 */
public record FindUsers(int page, int size, String emailContains) {
}
