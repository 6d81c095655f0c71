(defpackage :epsilon.example (:use :cl))
