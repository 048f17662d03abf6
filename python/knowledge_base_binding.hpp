// accord._accord.KnowledgeBase: a knowledge base file, from Python (see knowledge_base_binding.cpp).
#pragma once

#include <pybind11/pybind11.h>

namespace accord::python {

void bindKnowledgeBase(pybind11::module_& module);

}  // namespace accord::python
