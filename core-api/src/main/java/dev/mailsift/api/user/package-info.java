/** Messages of the User aggregate: identity, roles and the credit balance. */
package dev.mailsift.api.user;
