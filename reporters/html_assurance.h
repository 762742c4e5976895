#pragma once
// The HTML report's assurance parts, kept apart from the case rendering: who signs the
// manifest (docs/reports.md, Signed reports).

#include <string>

#include "reporters/signing.h"

namespace gpc::reporters {

// A header paragraph naming the signer and its key fingerprint. The manifest (and so its
// digest) is written after this file, which it lists, so the page cannot show that digest.
std::string signerHtml(const SignerDescription& signer);

}  // namespace gpc::reporters
