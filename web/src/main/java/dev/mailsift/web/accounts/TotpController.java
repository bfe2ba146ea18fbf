package dev.mailsift.web.accounts;

import dev.mailsift.api.user.DisableTotp;
import dev.mailsift.api.user.EnableTotp;
import dev.mailsift.api.user.FindUserStatus;
import dev.mailsift.api.user.UserStatus;
import dev.mailsift.command.accounts.InvalidCodeException;
import dev.mailsift.query.accounts.access.TotpProjection;
import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import dev.mailsift.web.platform.problem.ConflictException;
import dev.mailsift.web.accounts.QrCodes;
import dev.mailsift.web.platform.security.SecretBox;
import dev.mailsift.web.accounts.Totp;
import dev.mailsift.web.accounts.TwoFactorSignIn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Two-factor sign-in (RFC 6238): enrol (secret and {@code otpauth://} URI), confirm with a first code (recovery
 * codes shown once), turn off. Only an interactive session may do this, never an API key.
 */
@RestController
@RequestMapping("/api/v1/account/totp")
class TotpController {

    private static final String ISSUER = "MailSift";
    private static final String RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final JdbcTemplate jdbc;
    private final SecretBox secrets;
    private final TwoFactorSignIn twoFactor;
    private final TotpProjection totps;
    private final Clock clock;

    TotpController(CommandGateway commands, QueryGateway queries, JdbcTemplate jdbc, SecretBox secrets,
                   TwoFactorSignIn twoFactor, TotpProjection totps, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.twoFactor = twoFactor;
        this.totps = totps;
        this.clock = clock;
    }

    @Operation(summary = "Start two-factor sign-in",
            description = "Answers a new TOTP secret, its `otpauth://` URI and that URI as a QR code (a "
                    + "`data:image/png;base64,…` URI). Two-factor sign-in is on only once a code from it is"
                    + " confirmed. Needs an access token: an API key cannot change how its account signs "
                    + "in.")
    @SecurityRequirement(name = "accessToken")
    @ProblemResponse(status = 409, type = ProblemType.CONFLICT,
            when = "Two-factor sign-in is already on; turn it off first.")
    @PostMapping
    Enrolment enrol(@AuthenticationPrincipal AuthenticatedUser caller) {
        interactiveOnly(caller);
        if (twoFactor.isOn(caller.userId())) {
            throw new ConflictException("Two-factor sign-in is already on; turn it off first.");
        }
        String secret = Totp.newSecret();
        jdbc.update("DELETE FROM totp_enrolment WHERE user_id = ?", caller.userId());
        jdbc.update("INSERT INTO totp_enrolment (user_id, secret_ciphertext, created_at) VALUES (?, ?, ?)",
                caller.userId(), secrets.seal(caller.userId(), secret), Timestamp.from(clock.instant()));
        UserStatus status = queries.query(new FindUserStatus(caller.userId()), UserStatus.class).join();
        String uri = Totp.otpauthUri(ISSUER, status.email(), secret);
        return new Enrolment(secret, uri, QrCodes.pngDataUri(uri));
    }

    /** The first code proves the authenticator works; answers the recovery codes, the only time they are shown. */
    @Operation(summary = "Turn two-factor sign-in on",
            description = "Confirms the enrolment with a 6-digit code from the authenticator and answers 10 "
                    + "recovery codes, shown this once. From now on sign-in needs a code. Needs an access "
                    + "token.")
    @SecurityRequirement(name = "accessToken")
    @ProblemResponse(status = 400, type = ProblemType.INVALID_CODE,
            when = "The code is wrong or was used already, or no enrolment was started.")
    @PostMapping("/confirm")
    RecoveryCodes confirm(@Valid @RequestBody ConfirmRequest request,
                          @AuthenticationPrincipal AuthenticatedUser caller) {
        interactiveOnly(caller);
        List<String> pending = jdbc.queryForList("SELECT secret_ciphertext FROM totp_enrolment WHERE user_id = ?",
                String.class, caller.userId());
        if (pending.isEmpty()) {
            throw new InvalidCodeException();
        }
        String secret;
        try {
            secret = secrets.open(caller.userId(), pending.get(0));
        } catch (IllegalStateException sealedUnderARotatedSecret) {
            throw new InvalidCodeException();   // the user enrols again
        }
        var step = Totp.verify(secret, request.code(), clock.instant());
        if (step.isEmpty()) {
            throw new InvalidCodeException();
        }
        List<String> codes = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        while (codes.size() < 10) {
            String code = recoveryCode();
            if (!codes.contains(code)) {
                codes.add(code);
                hashes.add(twoFactor.recoveryHash(caller.userId(), code));
            }
        }
        commands.sendAndWait(new EnableTotp(caller.userId(), pending.get(0), hashes));
        jdbc.update("DELETE FROM totp_enrolment WHERE user_id = ?", caller.userId());
        totps.claimStep(caller.userId(), step.getAsLong());
        return new RecoveryCodes(codes);
    }

    @Operation(summary = "Turn two-factor sign-in off",
            description = "Turns two-factor sign-in off and forgets the secret and the recovery codes. Needs an"
                    + " access token.")
    @SecurityRequirement(name = "accessToken")
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void disable(@AuthenticationPrincipal AuthenticatedUser caller) {
        interactiveOnly(caller);
        commands.sendAndWait(new DisableTotp(caller.userId()));
    }

    private static void interactiveOnly(AuthenticatedUser caller) {
        if (caller.apiKeyId() != null) {
            throw new AccessDeniedException("two-factor settings need a signed-in session, not an API key");
        }
    }

    private static String recoveryCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                code.append('-');
            }
            code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
        }
        return code.toString();
    }

    /** @param qrPng the URI as a QR code: a {@code data:image/png;base64,…} URI an {@code <img>} can show */
    record Enrolment(String secret, String otpauthUri, String qrPng) {
    }

    @Schema(name = "TotpConfirmRequest") // not the address confirmation's ConfirmRequest
    record ConfirmRequest(@NotBlank @Size(max = 16) String code) {
    }

    record RecoveryCodes(List<String> recoveryCodes) {
    }
}
