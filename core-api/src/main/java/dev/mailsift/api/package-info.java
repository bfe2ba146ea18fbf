/**
 * The message contract shared by the command side, the query side and every outside consumer
 * (auditors, webhook receivers): immutable records and enums only.
 * Commands are imperative, events past tense, queries {@code Find…}/{@code Fetch…}.
 * Events are a public contract: never change one in place; add a revision with an upcaster.
 */
package dev.mailsift.api;
