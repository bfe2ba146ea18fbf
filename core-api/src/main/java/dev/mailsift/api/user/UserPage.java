package dev.mailsift.api.user;

import java.util.List;

/** One page of {@link UserStatus} rows and how many there are in all. */
public record UserPage(List<UserStatus> users, long total) {
}
