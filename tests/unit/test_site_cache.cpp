#include "styr/mapped_file.hpp"
#include "styr/record.hpp"
#include "styr/site_cache.hpp"

#include "support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace styr;
using test::fresh_dir;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> packs(const fs::path& dir)
{
  std::vector<fs::path> found;
  for (const fs::directory_entry& e : fs::directory_iterator(dir / "site" / "words")) {
    if (e.path().extension() == ".pack") {
      found.push_back(e.path());
    }
  }
  return found;
}

}  // namespace

TEST_CASE("the cache finds what an earlier build put, in one pack per build")
{
  const fs::path dir = fresh_dir("cache-roundtrip");
  {
    SiteCache cache(dir, true);
    CHECK_FALSE(cache.get("words", "a").has_value());
    cache.put("words", "a", "första\nmed radbrytning");
    cache.put("words", "b", std::string(100000, 'x'));
    cache.put("diff", "a", "en annan sort");
    cache.save();
  }
  CHECK(packs(dir).size() == 1);
  SiteCache cache(dir, true);
  CHECK(cache.get("words", "a") == "första\nmed radbrytning");
  CHECK(cache.get("words", "b") == std::string(100000, 'x'));
  CHECK(cache.get("diff", "a") == "en annan sort");
  CHECK_FALSE(cache.get("diff", "b").has_value());
  CHECK(cache.hits() == 3);
}

TEST_CASE("a pack larger than the writer's buffer keeps every entry")
{
  const fs::path dir = fresh_dir("cache-large");
  {
    SiteCache cache(dir, true);
    for (int i = 0; i < 40; ++i) {
      cache.put("words", std::to_string(i), std::string(100000 + i, static_cast<char>('a' + i % 26)));
    }
    cache.save();
  }
  SiteCache cache(dir, true);
  for (int i = 0; i < 40; ++i) {
    CAPTURE(i);
    CHECK(cache.get("words", std::to_string(i)) == std::string(100000 + i, static_cast<char>('a' + i % 26)));
  }
}

TEST_CASE("a record gives back its numbers and strings, and a damaged one fails for good")
{
  const std::string record = RecordWriter().number(-42).text("två\nrader").text("").number(7).take();
  RecordReader in(record);
  CHECK(in.number() == -42);
  CHECK(in.text() == "två\nrader");
  CHECK(in.text().empty());
  CHECK(in.number() == 7);
  CHECK(in.done());

  for (const std::string& damaged : {std::string("3:ab"), std::string("x:ab"), std::string("99999999999999:a"),
                                    std::string(":"), std::string("2:abc")}) {
    CAPTURE(damaged);
    RecordReader bad(damaged);
    bad.text();
    bad.number();
    CHECK_FALSE(bad.done());
  }
  RecordReader not_a_number("2:4x");
  CHECK(not_a_number.number() == 0);
  CHECK_FALSE(not_a_number.ok());
  CHECK(not_a_number.text().empty());  // stays failed
}

TEST_CASE("a build that does not save adds nothing, and a disabled cache holds nothing")
{
  const fs::path dir = fresh_dir("cache-unsaved");
  {
    SiteCache cache(dir, true);
    cache.put("words", "a", "kastas");
  }
  CHECK(SiteCache(dir, true).get("words", "a") == std::nullopt);
  CHECK(packs(dir).empty());
  SiteCache off(dir, false);
  off.put("words", "a", "ingenting");
  off.save();
  CHECK(packs(dir).empty());
}

TEST_CASE("the rendered bodies an earlier styr kept are removed when the cache is saved")
{
  const fs::path dir = fresh_dir("cache-bodies");
  fs::create_directories(dir / "site" / "body");
  std::ofstream(dir / "site" / "body" / "0001.pack") << "gammalt";
  SiteCache cache(dir, true);
  cache.put("words", "a", "kvar");
  cache.save();
  CHECK_FALSE(fs::exists(dir / "site" / "body"));
  CHECK(SiteCache(dir, true).get("words", "a") == "kvar");
}

TEST_CASE("a damaged pack gives misses, never wrong bytes")
{
  const fs::path dir = fresh_dir("cache-damaged");
  {
    SiteCache cache(dir, true);
    cache.put("words", "a", "hel");
    cache.put("words", "b", "avkapad");
    cache.save();
  }
  const fs::path pack = packs(dir).at(0);
  fs::resize_file(pack, fs::file_size(pack) - 3);
  SUBCASE("with its index, which no longer fits the pack")
  {
  }
  SUBCASE("without its index")
  {
    fs::remove(fs::path(pack).replace_extension(".idx"));
  }
  SiteCache cache(dir, true);
  CHECK(cache.get("words", "a") == "hel");
  CHECK_FALSE(cache.get("words", "b").has_value());
}

TEST_CASE("a value damaged in place is a miss, and the next build's entry replaces it")
{
  const fs::path dir = fresh_dir("cache-flipped");
  {
    SiteCache cache(dir, true);
    cache.put("words", "a", "Lösenord ska vara minst fjorton tecken.");
    cache.put("words", "b", "orörd");
    cache.save();
  }
  const fs::path pack = packs(dir).at(0);
  std::string bytes;
  {
    std::ifstream in(pack, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  const std::size_t at = bytes.find("fjorton");
  REQUIRE(at != std::string::npos);
  bytes.replace(at, 7, "ZZZZZZZ");  // the same length: offsets and lengths still fit
  std::ofstream(pack, std::ios::binary | std::ios::trunc) << bytes;
  SUBCASE("with its index") {}
  SUBCASE("without its index")
  {
    fs::remove(fs::path(pack).replace_extension(".idx"));
  }
  {
    SiteCache cache(dir, true);
    CHECK_FALSE(cache.get("words", "a").has_value());
    CHECK(cache.get("words", "b") == "orörd");
    cache.put("words", "a", "Lösenord ska vara minst fjorton tecken.");
    cache.save();
  }
  SiteCache cache(dir, true);
  CHECK(cache.get("words", "a") == "Lösenord ska vara minst fjorton tecken.");
}

TEST_CASE("entries no build wants any more are dropped when they outweigh the rest")
{
  const fs::path dir = fresh_dir("cache-compact");
  {
    SiteCache cache(dir, true);
    cache.put("words", "old", std::string(1000, 'o'));
    cache.put("words", "kept", "kvar");
    cache.save();
  }
  {
    // The next build wants "kept" (without reading it) and makes "new"; "old" is dead and
    // outweighs the live entries, so the packs become one.
    SiteCache cache(dir, true);
    cache.retain("words", "kept");
    cache.put("words", "new", "ny");
    cache.save();
  }
  CHECK(packs(dir).size() == 1);
  SiteCache cache(dir, true);
  CHECK(cache.get("words", "kept") == "kvar");
  CHECK(cache.get("words", "new") == "ny");
  CHECK_FALSE(cache.get("words", "old").has_value());
}

TEST_CASE("a command that reads part of the cache keeps what it did not read, until the packs are many")
{
  const fs::path dir = fresh_dir("cache-partial");
  {
    SiteCache cache(dir, true);
    cache.put("words", "older-version", std::string(1000, 'o'));
    cache.save();
  }
  // A check reads none of it and adds a little each time: nothing is compacted away, up to
  // the most packs.
  for (int i = 0; i < 7; ++i) {
    SiteCache cache(dir, true);
    cache.put("words", "edit-" + std::to_string(i), "ny");
    cache.save(SiteCache::Compaction::when_packs_are_many);
  }
  CHECK(packs(dir).size() == 8);
  {
    SiteCache cache(dir, true);
    CHECK(cache.get("words", "older-version").has_value());
  }
  // One pack more, and what this command wanted becomes the one pack.
  {
    SiteCache cache(dir, true);
    CHECK(cache.get("words", "edit-6") == "ny");
    cache.put("words", "edit-7", "ny");
    cache.save(SiteCache::Compaction::when_packs_are_many);
  }
  CHECK(packs(dir).size() == 1);
  SiteCache cache(dir, true);
  CHECK(cache.get("words", "edit-6") == "ny");
  CHECK(cache.get("words", "edit-7") == "ny");
  CHECK_FALSE(cache.get("words", "edit-0").has_value());
  CHECK_FALSE(cache.get("words", "older-version").has_value());
}

TEST_CASE("a mapped file gives its bytes, which stay readable once the file is removed")
{
  const fs::path dir = fresh_dir("mapped-file");
  CHECK(MappedFile::open(dir / "missing") == nullptr);
  CHECK(bytes_of(MappedFile::open(dir / "missing")).empty());
  std::ofstream(dir / "empty").close();
  CHECK(MappedFile::open(dir / "empty") == nullptr);
  CHECK(MappedFile::open(dir) == nullptr);  // a folder

  const std::string text = "rad ett\nrad två\n" + std::string(70000, 'x');
  std::ofstream(dir / "manifest.txt", std::ios::binary) << text;
  const auto file = MappedFile::open(dir / "manifest.txt");
  REQUIRE(file != nullptr);
  CHECK(file->bytes() == text);
  CHECK(bytes_of(file) == text);
  fs::remove(dir / "manifest.txt");
  CHECK(file->bytes() == text);

  std::ofstream(dir / "target") << "text";
  REQUIRE(MappedFile::open(dir / "target") != nullptr);
  fs::create_symlink(dir / "target", dir / "link");
  CHECK(MappedFile::open(dir / "link") == nullptr);  // not followed
}
