package dev.mailsift.command.accounts;

/**
 * The set of addresses in use, checked when an account is opened. An event-sourced aggregate cannot see its
 * siblings, so uniqueness is kept in a table written in the same transaction as the {@code UserRegistered} event.
 */
public interface EmailRegistry {

    /**
     * Reserve {@code email} for {@code userId}.
     *
     * @throws EmailAlreadyRegisteredException if another account holds it
     */
    void claim(String email, String userId);

    /** The account holding {@code email}, if any. */
    java.util.Optional<String> ownerOf(String email);
}
