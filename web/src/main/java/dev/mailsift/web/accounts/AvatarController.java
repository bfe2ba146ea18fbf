package dev.mailsift.web.accounts;

import dev.mailsift.api.user.ChangeAvatar;
import dev.mailsift.api.user.FindUserStatus;
import dev.mailsift.api.user.RemoveAvatar;
import dev.mailsift.api.user.UserStatus;
import dev.mailsift.command.platform.blob.BlobKeys;
import dev.mailsift.command.platform.blob.BlobStore;
import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.problem.ResourceNotFoundException;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import dev.mailsift.web.platform.problem.UnacceptableUploadException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The caller's avatar. An upload must be a PNG, JPEG or GIF of at most 2 MiB and 4096×4096 pixels; it is decoded,
 * scaled to fit 512×512 and re-encoded as PNG, so what is stored and served is always an image we wrote, with a
 * fixed safe content type. An image replaced or removed is deleted from the blob store: a person who takes their
 * picture down expects it gone.
 */
@RestController
@RequestMapping("/api/v1/account/avatar")
class AvatarController {

    private static final Logger log = LoggerFactory.getLogger(AvatarController.class);

    static final long MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
    static final int MAX_SOURCE_SIDE = 4096;
    static final int MAX_SIDE = 512;
    private static final Set<String> FORMATS = Set.of("png", "jpeg", "gif");

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final BlobStore blobs;

    AvatarController(CommandGateway commands, QueryGateway queries, BlobStore blobs) {
        this.commands = commands;
        this.queries = queries;
        this.blobs = blobs;
    }

    @Operation(summary = "Upload the avatar",
            description = "Takes a PNG, JPEG or GIF (at most 2 MiB and 4096 pixels a side) as the multipart "
                    + "part `file`, re-encodes it as PNG scaled to fit 512 by 512, and answers its size.")
    @ProblemResponse(status = 415, type = ProblemType.UNSUPPORTED_MEDIA_TYPE,
            when = "The file is not a PNG, JPEG or GIF image.")
    @ProblemResponse(status = 413, type = ProblemType.PAYLOAD_TOO_LARGE,
            when = "The image is over 2 MiB.")
    @ProblemResponse(status = 400, type = ProblemType.VALIDATION,
            when = "The image is over 4096 pixels a side, or cannot be decoded.")
    @PutMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Avatar upload(@RequestPart("file") MultipartFile file, @AuthenticationPrincipal AuthenticatedUser caller)
            throws IOException {
        if (file.getSize() > MAX_UPLOAD_BYTES) {
            throw new UnacceptableUploadException(HttpStatus.PAYLOAD_TOO_LARGE,
                    "An avatar may be at most " + MAX_UPLOAD_BYTES + " bytes.");
        }
        BufferedImage source = decode(file);
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = scaled.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.drawImage(source, 0, 0, width, height, null);
        graphics.dispose();

        Path png = Files.createTempFile("avatar-", ".png");
        try {
            ImageIO.write(scaled, "png", png.toFile());
            String key = BlobKeys.check("avatars/" + caller.userId() + "/" + UUID.randomUUID() + ".png");
            blobs.put(key, png);
            String replaced = commands.sendAndWait(new ChangeAvatar(caller.userId(), key, MediaType.IMAGE_PNG_VALUE,
                    width, height, Files.size(png)));
            deleteImage(replaced);
            return new Avatar(width, height, MediaType.IMAGE_PNG_VALUE);
        } finally {
            Files.deleteIfExists(png);
        }
    }

    @ApiResponse(responseCode = "200", description = "The avatar.",
            content = @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")))
    @Operation(summary = "Download the avatar",
            description = "The caller's avatar as `image/png`.")
    @ProblemResponse(status = 404, type = ProblemType.NOT_FOUND,
            when = "The account has no avatar.")
    @GetMapping
    ResponseEntity<byte[]> download(@AuthenticationPrincipal AuthenticatedUser caller) throws IOException {
        UserStatus status = queries.query(new FindUserStatus(caller.userId()), UserStatus.class).join();
        if (status == null || status.avatarKey() == null) {
            throw new ResourceNotFoundException("No avatar.");
        }
        try (InputStream in = blobs.open(status.avatarKey())) {
            return ResponseEntity.ok()
                                 .contentType(MediaType.IMAGE_PNG)
                                 .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"avatar.png\"")
                                 .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate())
                                 .body(in.readAllBytes());
        }
    }

    @Operation(summary = "Remove the avatar",
            description = "The account has no avatar from now on and its image is deleted. Answers `204` "
                    + "whether or not there was one.")
    @ApiResponse(responseCode = "204", description = "The account has no avatar.")
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@AuthenticationPrincipal AuthenticatedUser caller) {
        deleteImage(commands.sendAndWait(new RemoveAvatar(caller.userId())));
    }

    /**
     * After the event is recorded, so an image is never missing while an event still names it as current. A
     * failure leaves an unreferenced file behind, which is logged rather than failing what the person asked for.
     */
    private void deleteImage(String blobKey) {
        if (blobKey == null) {
            return;
        }
        try {
            blobs.delete(blobKey);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not delete the avatar image {}: {}", blobKey, e.toString());
        }
    }

    /** Reads the header first: the format must be allowed and the size bounded before any pixel is decoded. */
    private static BufferedImage decode(MultipartFile file) throws IOException {
        try (InputStream raw = file.getInputStream(); ImageInputStream in = ImageIO.createImageInputStream(raw)) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw unsupported();
            }
            ImageReader reader = readers.next();
            try {
                if (!FORMATS.contains(reader.getFormatName().toLowerCase(Locale.ROOT))) {
                    throw unsupported();
                }
                reader.setInput(in, true, true);
                if (reader.getWidth(0) > MAX_SOURCE_SIDE || reader.getHeight(0) > MAX_SOURCE_SIDE) {
                    throw new UnacceptableUploadException(HttpStatus.BAD_REQUEST,
                            "An avatar may be at most " + MAX_SOURCE_SIDE + " pixels a side.");
                }
                return reader.read(0);
            } catch (IOException | RuntimeException e) {
                if (e instanceof UnacceptableUploadException known) {
                    throw known;
                }
                throw unsupported();
            } finally {
                reader.dispose();
            }
        }
    }

    private static UnacceptableUploadException unsupported() {
        return new UnacceptableUploadException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "An avatar must be a PNG, JPEG or GIF image.");
    }

    record Avatar(int width, int height, String contentType) {
    }
}
