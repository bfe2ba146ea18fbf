package dev.mailsift.command.accounts;

/**
 * The payload of a grant's expiry deadline ({@link CreditBalance#LOT_EXPIRY_DEADLINE}): which grant's credits lapse
 * now. Public for the deadline store's serializer.
 */
public record CreditLotExpiry(String grantId) {
}
