package dev.mailsift.web.platform.axon;

import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;

/**
 * The event store's serializer, reusing the serialized form of the metadata it serialized last on the same thread
 * when the next metadata is equal.
 * <p>
 * The events one command applies carry equal metadata (correlation, trace, who, from where): a chunk's 501 events
 * serialized it 501 times, which cost half as much as serializing their payloads (JFR over the pipeline benchmark,
 * docs/decisions/0049). Equal metadata serializes to equal bytes, so the stored events are the same; the bytes are
 * shared read-only between the rows of one batch.
 */
final class MetaDataReusingSerializer implements Serializer {

    private record Serialized(MetaData metaData, Class<?> representation, SerializedObject<?> form) {
    }

    private final Serializer serializer;
    private final ThreadLocal<Serialized> lastOnThisThread = new ThreadLocal<>();

    MetaDataReusingSerializer(Serializer serializer) {
        this.serializer = serializer;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (!(object instanceof MetaData metaData)) {
            return serializer.serialize(object, expectedRepresentation);
        }
        Serialized last = lastOnThisThread.get();
        if (last != null && last.representation() == expectedRepresentation && last.metaData().equals(metaData)) {
            return (SerializedObject<T>) last.form();
        }
        SerializedObject<T> form = serializer.serialize(metaData, expectedRepresentation);
        lastOnThisThread.set(new Serialized(metaData, expectedRepresentation, form));
        return form;
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return serializer.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        return serializer.deserialize(serializedObject);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return serializer.classForType(type);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        return serializer.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return serializer.getConverter();
    }
}
