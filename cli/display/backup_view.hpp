// What `coras backup` and `coras restore` print on stdout: the text summary or the --format json
// document.
#pragma once

#include "oras/ops/backup.hpp"

#include <string>

namespace coras {

// {"repository","output","outputType":"directory"|"tar","tags":[{"tag", descriptor...}],
// "referrers":[descriptor...]} for `result`, backed up from `repository` ("host/repo").
std::string backup_json(const oras::ops::BackupResult& result, const std::string& repository);

// "Pulled REPO:TAG" and "Digest: ..." per tag, the referrer count, then
// "Backed up N tag(s) of REPO to OUTPUT".
std::string backup_text(const oras::ops::BackupResult& result, const std::string& repository);

// {"repository","input","dryRun","tags":[{"tag", "reference", descriptor...}],"referrers":[...]}
// for `result`, restored from `input` to `repository`.
std::string restore_json(const oras::ops::RestoreResult& result,
                         const std::string& input,
                         const std::string& repository);

// "Pushed REPO:TAG" (a dry run: "Would push REPO:TAG") and "Digest: ..." per tag, the referrer
// count, then "Restored N tag(s) from INPUT to REPO" (or "Dry run: nothing was pushed").
std::string restore_text(const oras::ops::RestoreResult& result,
                         const std::string& input,
                         const std::string& repository);

} // namespace coras
