// Helpers for the unit tests: a private folder per test process and real git repositories.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace styr::test {

// The test process's own folder; kept when a test fails, removed otherwise.
const std::filesystem::path& test_dir();

// A fresh, empty folder inside test_dir().
std::filesystem::path fresh_dir(std::string_view name);

// Whether `text` holds `part` somewhere.
inline bool contains(std::string_view text, std::string_view part)
{
  return text.find(part) != std::string_view::npos;
}

void write_file(const std::filesystem::path& path, std::string_view content);
std::string read_file(const std::filesystem::path& path);

// Runs a shell command in `dir`; returns its exit status. Output goes to the test log.
int run(const std::filesystem::path& dir, const std::string& command);

// `git init` with a fixed identity and dates, no signing, branch main.
void git_init(const std::filesystem::path& dir);
// Commits everything with the given message and ISO date ("2026-01-15T10:00:00").
void git_commit_all(const std::filesystem::path& dir, std::string_view message, std::string_view date);

}  // namespace styr::test

#include "styr/diagnostic.hpp"

#include <doctest/doctest.h>

namespace doctest {

template <>
struct StringMaker<styr::Position>
{
  static String convert(const styr::Position& p)
  {
    return (std::to_string(p.line) + ":" + std::to_string(p.column)).c_str();
  }
};

}  // namespace doctest
