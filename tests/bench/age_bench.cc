// Codec throughput and latency, with raw OpenSSL ChaCha20-Poly1305 over the
// same 64 KiB chunks measured in the same run as the ceiling to compare with.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>

#include <memory>
#include <vector>

#include "daemon/crypto/age.h"
#include "daemon/crypto/primitives.h"
#include "daemon/crypto/secure_bytes.h"
#include "daemon/crypto/stream.h"
#include "daemon/crypto/x25519.h"

namespace kluis::crypto {
namespace {

// Per iteration. Small enough to stay in L3 like the raw baseline stays in
// L1/L2, so that the comparison measures the codec, not DRAM bandwidth.
constexpr size_t kLarge = 16 << 20;
constexpr size_t kBlock = 1 << 20;  // application write/read size

std::vector<uint8_t> Filler(size_t n) {
  std::vector<uint8_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<uint8_t>(i * 131 + 7);
  return v;
}

void RawChaChaPoly(benchmark::State& state, bool decrypt) {
  std::vector<uint8_t> in = Filler(kChunkSize + kAeadTagSize);
  std::vector<uint8_t> out(kChunkSize + kAeadTagSize);
  uint8_t key[32] = {1}, iv[12] = {0}, tag[16] = {0};
  const EVP_CIPHER* c = EVP_CIPHER_fetch(nullptr, "ChaCha20-Poly1305", nullptr);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_CipherInit_ex2(ctx, c, key, nullptr, decrypt ? 0 : 1, nullptr);
  for (auto _ : state) {
    for (size_t done = 0; done < kLarge; done += kChunkSize) {
      iv[10] = static_cast<uint8_t>(done >> 16);
      int len = 0;
      EVP_CipherInit_ex2(ctx, nullptr, nullptr, iv, decrypt ? 0 : 1, nullptr);
      if (decrypt) EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, 16, tag);
      EVP_CipherUpdate(ctx, out.data(), &len, in.data(), kChunkSize);
      EVP_CipherFinal_ex(ctx, out.data() + len, &len);  // tag mismatch ignored
      if (!decrypt) EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, tag);
      benchmark::DoNotOptimize(out.data());
    }
  }
  EVP_CIPHER_CTX_free(ctx);
  EVP_CIPHER_free(const_cast<EVP_CIPHER*>(c));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kLarge));
}

void BM_RawOpenSslSeal64K(benchmark::State& s) { RawChaChaPoly(s, false); }
void BM_RawOpenSslOpen64K(benchmark::State& s) { RawChaChaPoly(s, true); }
BENCHMARK(BM_RawOpenSslSeal64K)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RawOpenSslOpen64K)->Unit(benchmark::kMillisecond);

void BM_AgeEncryptStream(benchmark::State& state) {
  X25519Identity id = *X25519Identity::Generate();
  const Recipient* r[] = {&id.recipient()};
  std::vector<uint8_t> block = Filler(kBlock);
  for (auto _ : state) {
    DiscardWriter sink;
    auto enc = *NewEncryptor(r, &sink);
    for (size_t done = 0; done < kLarge; done += kBlock) {
      if (!enc->Write(block).ok()) state.SkipWithError("write");
    }
    if (!enc->Close().ok()) state.SkipWithError("close");
    benchmark::DoNotOptimize(sink.bytes());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kLarge));
}
BENCHMARK(BM_AgeEncryptStream)->Unit(benchmark::kMillisecond);

void BM_AgeDecryptStream(benchmark::State& state) {
  X25519Identity id = *X25519Identity::Generate();
  const Recipient* r[] = {&id.recipient()};
  const Identity* ids[] = {&id};
  std::vector<uint8_t> plain = Filler(kLarge);
  std::vector<uint8_t> cipher = *Encrypt(r, plain);
  std::vector<uint8_t> block(kBlock);
  for (auto _ : state) {
    SpanReader src(cipher);
    auto dec = *NewDecryptor(ids, &src);
    size_t total = 0;
    while (true) {
      absl::StatusOr<size_t> n = dec->Read(absl::MakeSpan(block));
      if (!n.ok()) state.SkipWithError("read");
      if (!n.ok() || *n == 0) break;
      total += *n;
    }
    benchmark::DoNotOptimize(total);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kLarge));
}
BENCHMARK(BM_AgeDecryptStream)->Unit(benchmark::kMillisecond);

void BM_SmallRecordEncrypt1K(benchmark::State& state) {
  X25519Identity id = *X25519Identity::Generate();
  const Recipient* r[] = {&id.recipient()};
  std::vector<uint8_t> plain = Filler(1024);
  for (auto _ : state) benchmark::DoNotOptimize(*Encrypt(r, plain));
}
BENCHMARK(BM_SmallRecordEncrypt1K)->Unit(benchmark::kMicrosecond);

void BM_SmallRecordDecrypt1K(benchmark::State& state) {
  X25519Identity id = *X25519Identity::Generate();
  const Recipient* r[] = {&id.recipient()};
  const Identity* ids[] = {&id};
  std::vector<uint8_t> cipher = *Encrypt(r, Filler(1024));
  for (auto _ : state) benchmark::DoNotOptimize(*Decrypt(ids, cipher));
}
BENCHMARK(BM_SmallRecordDecrypt1K)->Unit(benchmark::kMicrosecond);

// The floor for the two above: one X25519 scalar multiplication. Encrypt
// needs two (the ephemeral public key and the shared secret), decrypt one
// (identities keep their key imported).
void BM_X25519Multiplication(benchmark::State& state) {
  X25519PrivateKey a = *X25519PrivateKey::FromBytes(*RandomSecret(32));
  X25519Public peer = *X25519PublicKey(*RandomSecret(32));
  for (auto _ : state) benchmark::DoNotOptimize(*a.SharedSecret(peer));
}
BENCHMARK(BM_X25519Multiplication)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace kluis::crypto

int main(int argc, char** argv) {
  (void)kluis::crypto::InitSecureHeap();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
