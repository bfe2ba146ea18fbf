package dev.mailsift.web.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mailsift.api.user.Credentials;
import dev.mailsift.api.user.FindCredentialsByEmail;
import dev.mailsift.api.user.FindUserStatus;
import dev.mailsift.api.user.UserStatus;
import dev.mailsift.web.problem.InvalidCredentialsException;
import dev.mailsift.web.security.AccessTokens;
import dev.mailsift.web.security.AccountSuspendedException;
import dev.mailsift.web.security.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/** Exchanges an email and password for a short-lived access token. */
@RestController
@RequestMapping("/api/v1/auth")
class TokenController {

    /** Compared against when the address is unknown, so both failures take the same time. */
    private final String decoyHash;

    private final QueryGateway queries;
    private final PasswordEncoder passwords;
    private final AccessTokens tokens;

    TokenController(QueryGateway queries, PasswordEncoder passwords, AccessTokens tokens) {
        this.queries = queries;
        this.passwords = passwords;
        this.tokens = tokens;
        this.decoyHash = passwords.encode("decoy-password-never-matches");
    }

    @PostMapping("/token")
    TokenResponse token(@Valid @RequestBody TokenRequest request) {
        Optional<Credentials> credentials = queries.query(new FindCredentialsByEmail(request.email()),
                ResponseTypes.optionalInstanceOf(Credentials.class)).join();
        String hash = credentials.map(Credentials::passwordHash).orElse(decoyHash);
        boolean matches = passwords.matches(request.password(), hash);
        if (credentials.isEmpty() || !matches) {
            throw new InvalidCredentialsException();
        }
        UserStatus status = queries.query(new FindUserStatus(credentials.get().userId()),
                ResponseTypes.optionalInstanceOf(UserStatus.class)).join().orElseThrow(InvalidCredentialsException::new);
        if (status.suspended()) {
            throw new AccountSuspendedException();
        }
        var issued = tokens.issue(new AuthenticatedUser(status.userId(), status.role()), status.sessionVersion());
        return new TokenResponse(issued.value(), "Bearer", issued.expiresIn().toSeconds());
    }

    record TokenRequest(@NotBlank @Size(max = 254) String email,
                        @NotBlank @Size(max = PasswordPolicy.MAX_LENGTH) String password) {
    }

    record TokenResponse(@JsonProperty("access_token") String accessToken,
                         @JsonProperty("token_type") String tokenType,
                         @JsonProperty("expires_in") long expiresIn) {
    }
}
