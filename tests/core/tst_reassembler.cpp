// The reassembler never trusts a chunk header: hostile headers are counted corrupt and dropped with
// their partial message; dead, replaced and abandoning producers leave incomplete messages.
#include "chunk_test_support.hpp"

#include <QTest>
#include <array>
#include <cstring>
#include <vector>

using namespace shmscope;
using namespace chunk_test;

Q_DECLARE_METATYPE(shmscope::CompressMode)
Q_DECLARE_METATYPE(shmscope::PayloadKind)

class tst_Reassembler : public QObject {
    Q_OBJECT
private slots:
    void hostileHeaders_data();
    void hostileHeaders();
    void randomScribblesNeverCrash();
    void deadProducerMidMessage();
    void livenessCallback();
    void newIncarnationSupersedes();
    void abandonedMessage();
    void lateJoinerSkipsOrphans();
    void skippedSlotsInterruptNotCorrupt();
};

void tst_Reassembler::hostileHeaders_data() {
    QTest::addColumn<int>("attack");
    QTest::addColumn<bool>("compressed");
    const std::array<const char*, 17> attacks = {"wrong index (skips one)",
                                                 "index beyond count",
                                                 "count 0",
                                                 "count changes mid-message",
                                                 "total above max-msg-size",
                                                 "payload_length above slot",
                                                 "payload_length above delivered bytes",
                                                 "offset past end (total shrinks)",
                                                 "duplicate chunk",
                                                 "checksum mismatch",
                                                 "truncated compressed data",
                                                 "decompression bomb",
                                                 "unknown flag",
                                                 "last-chunk flag early",
                                                 "record out of range",
                                                 "sequence changes mid-message",
                                                 "compressed flag on raw bytes"};
    for (int i = 0; i < int(attacks.size()); ++i)
        for (bool compressed : {false, true})
            QTest::addRow("%s/%s", attacks[std::size_t(i)], compressed ? "lz4" : "raw")
                << i << compressed;
}

void tst_Reassembler::hostileHeaders() {
    QFETCH(int, attack);
    QFETCH(bool, compressed);
    std::vector<SlotCopy> chunks = fourChunks(compressed ? CompressMode::Lz4 : CompressMode::None);
    QCOMPARE(chunks.size(), std::size_t(4));
    Reassembler reassembler = makeReassembler(false, kSlotBytes, 1 * MiB);
    QCOMPARE(*reassembler.accept(chunks[0].header, chunks[0].payload), ChunkOutcome::Accepted);
    QCOMPARE(*reassembler.accept(chunks[1].header, chunks[1].payload), ChunkOutcome::Accepted);
    SlotCopy bad = attack == 8 ? chunks[1] : chunks[2];
    MessageHeader& h = bad.header;
    bool recomputeChecksum = true;
    switch (attack) {
    case 0:
        bad = chunks[3];
        break;
    case 1:
        h.chunk_index = 4;
        break;
    case 2:
        h.chunk_count = 0;
        break;
    case 3:
        h.chunk_count = 5;
        h.total_length = 4 * kSlotBytes + 1;
        break;
    case 4:
        h.total_length = 2 * MiB;
        h.chunk_count = 32;
        break;
    case 5:
        h.payload_length = kSlotBytes + 64;
        bad.payload.resize(kSlotBytes + 64);
        break;
    case 6:
        h.payload_length = std::uint32_t(bad.payload.size() + 1);
        break;
    case 7:
        h.total_length = 2 * kSlotBytes + 1;
        h.chunk_count = 3;
        break; // chunk 2 would end past it
    case 8:
        break; // chunk 1 again
    case 9:
        bad.payload[bad.payload.size() / 2] ^= std::byte{1};
        recomputeChecksum = false;
        break;
    case 10:
        if (compressed) {
            bad.payload.resize(bad.payload.size() / 2);
            h.payload_length = std::uint32_t(bad.payload.size());
        } else {
            h.flags |= kMsgCompressed; // raw bytes claimed to be compressed, one byte short
            h.payload_length -= 1;
        }
        break;
    case 11: {
        // A valid LZ4 stream of 16 MiB of zeros presented as chunk 2 (64 KiB uncompressed).
        ChunkCodec codec;
        const std::vector<std::byte> zeros(16 * MiB);
        std::vector<std::byte> out(zeros.size());
        const EncodedChunk encoded = codec.encode(CodecKind::Lz4, zeros, out);
        out.resize(std::min<std::size_t>(encoded.storedBytes, kSlotBytes - 1));
        CompressedChunkPrefix prefix{1, std::uint32_t(kSlotBytes)};
        std::memcpy(out.data(), &prefix, sizeof prefix);
        bad.payload = out;
        h.flags |= kMsgCompressed;
        h.payload_length = std::uint32_t(out.size());
        break;
    }
    case 12:
        h.flags |= 0x80;
        break;
    case 13:
        h.flags |= kMsgLastChunk;
        break;
    case 14:
        h.producer_record = kMaxRecords;
        break;
    case 15:
        h.sequence += 1;
        break;
    case 16:
        if (!compressed) {
            h.flags |= kMsgCompressed;
            h.payload_length = 100;
        } else {
            h.flags &= ~kMsgCompressed; // compressed bytes claimed raw: wrong length
        }
        break;
    default:
        QFAIL("unknown attack");
    }
    if (recomputeChecksum)
        resum(bad);
    Result<ChunkOutcome> outcome = reassembler.accept(bad.header, bad.payload);
    QVERIFY(outcome.ok());
    QCOMPARE(*outcome, ChunkOutcome::Corrupt);
    ChunkCounters counters = reassembler.takeCounters();
    QCOMPARE(counters.corrupt, quint64(1));
    QCOMPARE(counters.incomplete, quint64(0));
    if (attack != 14)
        QCOMPARE(reassembler.partialMessages(), std::size_t(0)); // partial dropped
    // The rest of the message is now of no use, quietly; the next message goes through.
    if (attack != 14)
        QCOMPARE(*reassembler.accept(chunks[3].header, chunks[3].payload), ChunkOutcome::Discarded);
    std::vector<SlotCopy> next = fourChunks(CompressMode::None);
    for (std::size_t i = 0; i < next.size(); ++i)
        next[i].header.sequence = 11;
    ChunkOutcome last = ChunkOutcome::Corrupt;
    for (const SlotCopy& chunk : next)
        last = *reassembler.accept(chunk.header, chunk.payload);
    QCOMPARE(last, ChunkOutcome::Completed);
    QCOMPARE(reassembler.takeCounters().corrupt, quint64(0));
}

void tst_Reassembler::randomScribblesNeverCrash() {
    // A scribbler flips random header bits; whatever happens, nothing is written out of bounds
    // (the sanitizer builds check that) and every chunk ends in one of the outcomes.
    std::vector<SlotCopy> chunks = fourChunks(CompressMode::Zstd);
    Reassembler reassembler = makeReassembler(false, kSlotBytes, 1 * MiB);
    std::uint64_t state = 0x9E3779B97F4A7C15ULL;
    std::uint64_t outcomes = 0;
    for (int round = 0; round < 4000; ++round) {
        for (const SlotCopy& chunk : chunks) {
            SlotCopy copy = chunk;
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            if (state % 3 == 0) {
                auto* bytes = reinterpret_cast<unsigned char*>(&copy.header);
                bytes[(state >> 8) % sizeof copy.header] ^=
                    static_cast<unsigned char>(1u << ((state >> 16) % 8));
                if (state % 2 == 0)
                    resum(copy);
            }
            QVERIFY(reassembler.accept(copy.header, copy.payload).ok());
            ++outcomes;
        }
    }
    const ChunkCounters counters = reassembler.takeCounters();
    QVERIFY(counters.corrupt > 0);
    QVERIFY(counters.reassembled > 0);
    QCOMPARE(outcomes, quint64(16000));
}

void tst_Reassembler::deadProducerMidMessage() {
    std::vector<SlotCopy> chunks = fourChunks(CompressMode::None);
    Reassembler reassembler = makeReassembler(false);
    QCOMPARE(*reassembler.accept(chunks[0].header, chunks[0].payload), ChunkOutcome::Accepted);
    QCOMPARE(reassembler.partialMessages(), std::size_t(1));
    reassembler.producerDied(3, 2); // another incarnation: not this one
    QCOMPARE(reassembler.partialMessages(), std::size_t(1));
    reassembler.producerDied(3, 1);
    QCOMPARE(reassembler.partialMessages(), std::size_t(0));
    QCOMPARE(*reassembler.accept(chunks[1].header, chunks[1].payload), ChunkOutcome::Discarded);
    const ChunkCounters counters = reassembler.takeCounters();
    QCOMPARE(counters.incomplete, quint64(1));
    QCOMPARE(counters.corrupt, quint64(0));
}

void tst_Reassembler::livenessCallback() {
    std::vector<SlotCopy> chunks = fourChunks(CompressMode::Lz4);
    bool alive = true;
    ReassemblerConfig config;
    config.chunkBytes = kSlotBytes;
    config.maxMessageBytes = MiB;
    config.producerAlive = [&alive](std::uint32_t record, std::uint32_t) {
        return record != 3 || alive;
    };
    Result<Reassembler> reassembler = Reassembler::create(std::move(config));
    QVERIFY(reassembler.ok());
    QCOMPARE(*reassembler->accept(chunks[0].header, chunks[0].payload), ChunkOutcome::Accepted);
    QCOMPARE(reassembler->checkProducers(), std::size_t(0)); // stalled is not dead
    alive = false;
    QCOMPARE(reassembler->checkProducers(), std::size_t(1));
    QCOMPARE(reassembler->takeCounters().incomplete, quint64(1));
}

void tst_Reassembler::newIncarnationSupersedes() {
    std::vector<SlotCopy> chunks = fourChunks(CompressMode::None);
    Reassembler reassembler = makeReassembler(false);
    QCOMPARE(*reassembler.accept(chunks[0].header, chunks[0].payload), ChunkOutcome::Accepted);
    std::vector<SlotCopy> successor = fourChunks(CompressMode::None);
    for (SlotCopy& chunk : successor)
        chunk.header.incarnation = 2;
    ChunkOutcome last = ChunkOutcome::Corrupt;
    for (const SlotCopy& chunk : successor)
        last = *reassembler.accept(chunk.header, chunk.payload);
    QCOMPARE(last, ChunkOutcome::Completed);
    const ChunkCounters counters = reassembler.takeCounters();
    QCOMPARE(counters.incomplete, quint64(1));
    QCOMPARE(counters.reassembled, quint64(1));
}

void tst_Reassembler::abandonedMessage() {
    Chunker chunker = makeChunker(CompressMode::None);
    Reassembler reassembler = makeReassembler(true);
    QVERIFY(
        chunker
            .begin(identity(2, 1, 4), 3 * kSlotBytes, poolFor(PayloadKind::Zeros).messageSource(3 * kSlotBytes))
            .ok());
    Result<Chunk> first = chunker.next();
    QVERIFY(first.ok());
    QCOMPARE(*reassembler.accept(first->header, first->payload), ChunkOutcome::Accepted);
    const MessageHeader abandoned = chunker.abandon();
    QVERIFY(chunker.done());
    QCOMPARE(*reassembler.accept(abandoned, {}), ChunkOutcome::Discarded);
    QCOMPARE(reassembler.partialMessages(), std::size_t(0));
    QCOMPARE(reassembler.takeCounters().incomplete, quint64(1));
}

void tst_Reassembler::lateJoinerSkipsOrphans() {
    std::vector<SlotCopy> chunks = fourChunks(CompressMode::None);
    Reassembler reassembler = makeReassembler(false);
    QCOMPARE(*reassembler.accept(chunks[2].header, chunks[2].payload), ChunkOutcome::Discarded);
    QCOMPARE(*reassembler.accept(chunks[3].header, chunks[3].payload), ChunkOutcome::Discarded);
    const ChunkCounters counters = reassembler.takeCounters();
    QCOMPARE(counters.orphanChunks, quint64(2));
    QCOMPARE(counters.corrupt, quint64(0));
}

// After the ring says it skipped slots (an overrun), a chunk further on cuts the partial message
// off (interrupted) and is discarded as an orphan; without that word it would be corrupt.
void tst_Reassembler::skippedSlotsInterruptNotCorrupt() {
    std::vector<SlotCopy> chunks = fourChunks(CompressMode::None);
    Reassembler reassembler = makeReassembler(false);
    QCOMPARE(*reassembler.accept(chunks[0].header, chunks[0].payload), ChunkOutcome::Accepted);
    reassembler.slotsSkipped();
    QCOMPARE(*reassembler.accept(chunks[2].header, chunks[2].payload), ChunkOutcome::Discarded);
    QCOMPARE(*reassembler.accept(chunks[3].header, chunks[3].payload), ChunkOutcome::Discarded);
    QCOMPARE(reassembler.partialMessages(), std::size_t(0));
    ChunkCounters counters = reassembler.takeCounters();
    QCOMPARE(counters.corrupt, quint64(0));
    QCOMPARE(counters.interrupted, quint64(1));
    QCOMPARE(counters.orphanChunks, quint64(2));
    // A later message of the same producer, mid-way, after a skip: the same.
    QCOMPARE(*reassembler.accept(chunks[0].header, chunks[0].payload), ChunkOutcome::Accepted);
    reassembler.slotsSkipped();
    SlotCopy later = chunks[1];
    later.header.sequence += 5;
    QCOMPARE(*reassembler.accept(later.header, later.payload), ChunkOutcome::Discarded);
    counters = reassembler.takeCounters();
    QCOMPARE(counters.corrupt, quint64(0));
    QCOMPARE(counters.interrupted, quint64(1));
}

QTEST_APPLESS_MAIN(tst_Reassembler)
#include "tst_reassembler.moc"
